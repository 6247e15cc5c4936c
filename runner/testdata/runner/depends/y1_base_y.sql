-- migrate:id y1
-- migrate:labels ys
-- migrate:message y base

-- migrate:upgrade
CREATE TABLE y_t (id integer PRIMARY KEY);

-- migrate:downgrade
DROP TABLE y_t;
