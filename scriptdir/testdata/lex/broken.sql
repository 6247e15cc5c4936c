SELECT 'unterminated;
/* and a comment
$tag$ body
