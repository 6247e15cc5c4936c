package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/internal/testdb"
)

// These tests run the migrate binary against a real 3-node MariaDB Galera
// cluster (scripts/galera.sh; MIGRATE_TEST_GALERA_URLS), where GET_LOCK
// holds on one node only: runners through different nodes must still
// apply each revision once.

// writeEventsProject writes r00, which creates the events table, and data
// revisions r01…rNN that each wait a second, then log themselves in it.
// events has no unique key but its id, so that a revision applied twice
// leaves two rows.
func writeEventsProject(p *runProject, data int, sleep string) {
	p.write("r00.sql", "-- migrate:id r00\n-- migrate:message events\n\n-- migrate:upgrade\n"+
		"CREATE TABLE events (id bigint AUTO_INCREMENT PRIMARY KEY, rev varchar(16) NOT NULL);\n")
	for i := 1; i <= data; i++ {
		p.write(fmt.Sprintf("r%02d.sql", i), fmt.Sprintf(
			"-- migrate:id r%02d\n-- migrate:revises r%02d\n-- migrate:message data %d\n\n-- migrate:upgrade\nDO SLEEP(%s);\nINSERT INTO events (rev) VALUES ('r%02d');\n",
			i, i-1, i, sleep, i))
	}
}

// clusterState is what one node shows of a migrated database.
type clusterState struct {
	events, version, history string
	ddl                      map[string]string
}

var autoIncrementClause = regexp.MustCompile(` AUTO_INCREMENT=\d+`)

// readClusterState reads the events, version and history tables and the
// DDL of every table of the database through node (its reads wait for the
// node to apply what the cluster committed before them).
func readClusterState(ctx context.Context, t *testing.T, node *testdb.Target) clusterState {
	t.Helper()
	sep := "?"
	if strings.Contains(node.URL, "?") {
		sep = "&"
	}
	db, err := dialect.Open(ctx, node.URL+sep+"wsrep_sync_wait=1")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lines := func(query string) string {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var b strings.Builder
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('\t')
				}
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, "%v", v)
			}
			b.WriteByte('\n')
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	s := clusterState{
		events:  lines("SELECT rev, COUNT(*) FROM events GROUP BY rev ORDER BY rev"),
		version: lines("SELECT version_num FROM migrate_version"),
		history: lines("SELECT revision, direction, status, statements_done FROM migrate_history ORDER BY started_at, id"),
		ddl:     map[string]string{},
	}
	for _, table := range strings.Fields(lines("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
		var name, ddl string
		if err := db.QueryRowContext(ctx, "SHOW CREATE TABLE `"+table+"`").Scan(&name, &ddl); err != nil {
			t.Fatal(err)
		}
		// The next AUTO_INCREMENT value is each node's own (the cluster
		// interleaves them by auto_increment_offset).
		s.ddl[table] = autoIncrementClause.ReplaceAllString(ddl, "")
	}
	return s
}

// checkClusterState checks that every node shows the same DDL, version and
// history, and that events holds each of want once.
func checkClusterState(ctx context.Context, t *testing.T, nodes []*testdb.Target, want []string) {
	t.Helper()
	var wantEvents strings.Builder
	for _, rev := range want {
		fmt.Fprintf(&wantEvents, "%s\t1\n", rev)
	}
	first := readClusterState(ctx, t, nodes[0])
	if first.events != wantEvents.String() {
		t.Errorf("events (revision, times applied) on node 1:\n%s\nwant:\n%s", first.events, wantEvents.String())
	}
	if len(first.ddl) < 4 {
		t.Errorf("node 1 has the tables %v", first.ddl)
	}
	for i, n := range nodes[1:] {
		s := readClusterState(ctx, t, n)
		if s.events != first.events || s.version != first.version || s.history != first.history {
			t.Errorf("node %d differs from node 1:\nevents %q / %q\nversion %q / %q\nhistory:\n%s\n/\n%s",
				i+2, s.events, first.events, s.version, first.version, s.history, first.history)
		}
		for table, ddl := range first.ddl {
			if s.ddl[table] != ddl {
				t.Errorf("node %d: DDL of %s:\n%s\nnode 1:\n%s", i+2, table, s.ddl[table], ddl)
			}
		}
		if len(s.ddl) != len(first.ddl) {
			t.Errorf("node %d has %d tables, node 1 %d", i+2, len(s.ddl), len(first.ddl))
		}
	}
}

// TestGaleraConcurrentUpgrades starts eight `migrate upgrade head`
// processes at once, spread over the three nodes of the cluster, on data
// revisions: each revision is applied exactly once, all exit 0, and every
// node shows the same DDL, version and history.
func TestGaleraConcurrentUpgrades(t *testing.T) {
	nodes := testdb.Galera(t)
	bin := migrateBinary(t)
	const data, procs = 4, 8
	p := newRunProject(t, nodes[0].URL, "")
	writeEventsProject(p, data, "1")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	began := time.Now()
	runs := runAtOnce(procs, func(i int) *exec.Cmd {
		return p.command(ctx, bin, "upgrade", "head", "--database-url", nodes[i%len(nodes)].URL, "--lock-timeout", "2m")
	})
	wall := time.Since(began)
	applied, waited := 0, 0
	var slowest time.Duration
	for i, run := range runs {
		if run.err != nil {
			t.Errorf("process %d (node %d): %v\n%s", i, i%len(nodes)+1, run.err, run.out)
		}
		applied += strings.Count(run.out, "Running upgrade ")
		if strings.Contains(run.out, "waiting for the migration lock") {
			waited++
		}
		slowest = max(slowest, run.took)
	}
	if applied != data+1 {
		t.Errorf("%d revisions applied in all, want %d", applied, data+1)
	}
	want := make([]string, data)
	for i := range want {
		want[i] = fmt.Sprintf("r%02d", i+1)
	}
	checkClusterState(ctx, t, nodes, want)
	t.Logf("%d processes over %d nodes, %d revisions (%d of them sleep 1 s): all done in %s, %d waited for the lock, slowest process %s",
		procs, len(nodes), data+1, data, wall.Round(time.Millisecond), waited, slowest.Round(time.Millisecond))
}

// TestGaleraKilledLockHolder: `kill -9` of the process that holds the
// lock, through node 1, in the middle of a data revision. A runner through
// node 2 waits until the dead holder's lease expires, takes the lock over
// naming the dead holder, and, since the statement the dead run was
// running may or may not have taken effect, refuses to guess; once told
// where to go on (--resume-at), a runner through node 3 completes: every
// revision applied once, and the nodes agree.
func TestGaleraKilledLockHolder(t *testing.T) {
	nodes := testdb.Galera(t)
	bin := migrateBinary(t)
	p := newRunProject(t, nodes[0].URL, "")
	writeEventsProject(p, 2, "2")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const lease = "2s"
	holder, out := startMigrate(ctx, t, p, "upgrade", "head", "--database-url", nodes[0].URL, "--lock-lease", lease)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "Running upgrade r00 -> r01") {
		if time.Now().After(deadline) {
			t.Fatalf("the holder did not start r01:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)
	if err := holder.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	_ = holder.Wait()

	next := p.command(ctx, bin, "upgrade", "head", "--database-url", nodes[1].URL, "--lock-lease", lease, "--lock-timeout", "1m")
	var nextOut bytes.Buffer
	next.Stdout, next.Stderr = &nextOut, &nextOut
	err := next.Run()
	afterKill := time.Since(killed)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != ExitFailure {
		t.Fatalf("the next runner: %v, want exit status 3 (a statement of unknown outcome)\n%s", err, nextOut.String())
	}
	dead := fmt.Sprintf("pid %d", holder.Process.Pid)
	msg := nextOut.String()
	if !strings.Contains(msg, "lease held by migrate by ") || !strings.Contains(msg, dead+" expired") {
		t.Errorf("the next runner does not name the dead holder (%s):\n%s", dead, msg)
	}
	if !strings.Contains(msg, "partly applied") || !strings.Contains(msg, "--resume-at 1") {
		t.Errorf("the next runner does not stop at the partly applied r01:\n%s", msg)
	}
	if afterKill > 20*time.Second {
		t.Errorf("the next runner took %s after the kill; the lease is %s", afterKill, lease)
	}
	t.Logf("lease %s: the next runner took the lock over and stopped %s after the kill:\n%s", lease, afterKill.Round(time.Millisecond), msg)

	// Statement 1 is the sleep: running it again is harmless.
	last := p.command(ctx, bin, "upgrade", "head", "--database-url", nodes[2].URL, "--lock-lease", lease, "--resume-at", "1")
	var lastOut bytes.Buffer
	last.Stdout, last.Stderr = &lastOut, &lastOut
	if err := last.Run(); err != nil {
		t.Fatalf("resuming through node 3: %v\n%s", err, lastOut.String())
	}
	checkClusterState(ctx, t, nodes, []string{"r01", "r02"})
}

// TestGaleraRefusesMyISAM: on the cluster, a revision that creates a
// MyISAM table is refused before anything of the run happens (exit 2),
// naming the revision, the file and the statement.
func TestGaleraRefusesMyISAM(t *testing.T) {
	nodes := testdb.Galera(t)
	p := newRunProject(t, nodes[1].URL, "")
	p.write("m1.sql", "-- migrate:id m1\n\n-- migrate:upgrade\nCREATE TABLE ok_t (id integer PRIMARY KEY);\n")
	p.write("m2.sql", "-- migrate:id m2\n-- migrate:revises m1\n\n-- migrate:upgrade\nCREATE TABLE cache_t (id integer PRIMARY KEY)\n  ENGINE=MyISAM;\n")
	_, errOut := p.want(ExitUsage, "upgrade", "head")
	for _, want := range []string{"revision m2 (", "m2.sql:5), statement 1", "ENGINE=MyISAM on a Galera cluster", "use ENGINE=InnoDB"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("message lacks %q:\n%s", want, errOut)
		}
	}
	if out, _ := p.want(0, "current"); out != "(base)\n" {
		t.Errorf("current after the refusal = %q, want nothing applied", out)
	}
}
