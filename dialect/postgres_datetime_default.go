package dialect

import (
	"regexp"
	"time"

	"github.com/migratego/migrate/model"
)

// pgDateTimeLiteral matches the ISO 8601 spellings of a date or time that
// a declared default uses: a date, a date and a time (space or T between),
// a time alone, each time with optional seconds and fraction and an
// optional zone (Z, ±hh, ±hh:mm, ±hhmm).
var pgDateTimeLiteral = regexp.MustCompile(`^(?:(\d{4})-(\d{2})-(\d{2}))?(?:(?:^|[ T])(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?` +
	`(Z|[+-]\d{2}(?::?\d{2})?)?$`)

// pgDateTimeDefault gives the quoted literal default lit of a date, time or
// timestamp column the spelling PostgreSQL prints back, so that a declared
// '2018-01-01' compares equal to the '2018-01-01 00:00:00+00' the server
// stores for it:
//
//   - date: YYYY-MM-DD;
//   - time (without time zone): hh:mm:ss with the fraction it has;
//   - timestamp without time zone: YYYY-MM-DD hh:mm:ss[.f], a zone ignored
//     as the server ignores it;
//   - timestamp with time zone: the instant in UTC, …+00, a literal
//     without zone read in UTC. PostgreSQL reads and prints it in the
//     session's TimeZone: the keys are right for sessions in UTC (the
//     default of the server images); under another zone a literal without
//     zone compares unequal to what the server prints (a change reported
//     that is none, never one missed between two literals with zones).
//
// Anything else (special values such as 'epoch' or 'infinity', other
// spellings, time with time zone) is returned unchanged, as are values that
// are no valid date.
func pgDateTimeDefault(typ model.Type, lit string) string {
	if len(lit) < 2 || lit[0] != '\'' || lit[len(lit)-1] != '\'' {
		return lit
	}
	isTime := typ.Kind == model.KindTime && !typ.WithTimezone
	if typ.Kind != model.KindDate && typ.Kind != model.KindTimestamp && !isTime {
		return lit
	}
	m := pgDateTimeLiteral.FindStringSubmatch(lit[1 : len(lit)-1])
	if m == nil || (m[1] == "" && m[4] == "") || (isTime && (m[1] != "" || m[4] == "")) || (!isTime && m[1] == "") {
		return lit
	}
	clock := "00:00:00"
	if m[4] != "" {
		sec := m[6]
		if sec == "" {
			sec = "00"
		}
		clock = m[4] + ":" + m[5] + ":" + sec + m[7]
	}
	if isTime {
		at, err := time.Parse("15:04:05.999999", clock)
		if err != nil {
			return lit
		}
		return "'" + at.Format("15:04:05.999999") + "'"
	}
	zone := m[8]
	if zone == "" || zone == "Z" || typ.Kind != model.KindTimestamp || !typ.WithTimezone {
		zone = "+00:00"
	}
	if len(zone) == 3 {
		zone += ":00"
	} else if zone[3] != ':' {
		zone = zone[:3] + ":" + zone[3:]
	}
	at, err := time.Parse("2006-01-02 15:04:05.999999-07:00", m[1]+"-"+m[2]+"-"+m[3]+" "+clock+zone)
	if err != nil {
		return lit
	}
	switch {
	case typ.Kind == model.KindDate:
		return "'" + at.Format("2006-01-02") + "'"
	case typ.WithTimezone:
		return "'" + at.UTC().Format("2006-01-02 15:04:05.999999") + "+00'"
	}
	return "'" + at.Format("2006-01-02 15:04:05.999999") + "'"
}
