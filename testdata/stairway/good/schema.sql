-- The model of the project: what the schema must be at head.
CREATE TABLE users (
    id integer PRIMARY KEY,
    email varchar(200) NOT NULL,
    name varchar(100)
);

CREATE TABLE posts (
    id integer PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    title varchar(200) NOT NULL,
    body text
);

CREATE TABLE tags (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
