# MySQL: DELIMITER, backslash escapes, backticks, # comments.
/*!40101 SET NAMES utf8mb4 */;
CREATE TABLE `we;ird` (`a``b` int, c varchar(10) DEFAULT 'it\'s');

DELIMITER //
CREATE PROCEDURE fill()
BEGIN
  INSERT INTO `we;ird` VALUES (1, "x;y");
  SELECT 1--1;
END //
DELIMITER ;

delimiter $$
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END$$
delimiter ;
SELECT 1; -- done
