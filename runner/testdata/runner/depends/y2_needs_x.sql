-- migrate:id y2
-- migrate:revises y1
-- migrate:depends_on x1
-- migrate:message y needs x

-- migrate:upgrade
CREATE TABLE y2_t (id integer PRIMARY KEY, x_id integer REFERENCES x_t (id));

-- migrate:downgrade
DROP TABLE y2_t;
