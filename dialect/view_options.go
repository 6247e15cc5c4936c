package dialect

import (
	"fmt"
	"strings"

	"github.com/migratego/migrate/model"
)

// viewSupport says which view options a dialect can write.
type viewSupport struct {
	checkOption, securityInvoker, securityBarrier, algorithm, columnComments, columnDefaults bool
}

// checkViewOptions refuses the options of v that the dialect cannot
// write, and values that are none of the known ones.
func checkViewOptions(d Dialect, v *model.View, s viewSupport) error {
	obj := fmt.Sprintf("view %q", model.ObjectName{Schema: v.Schema, Name: v.Name}.QualifiedName())
	un := func(feature string) error {
		return Unsupported(d.Name(), obj, feature, "drop the option from the model")
	}
	switch co := strings.ToLower(v.CheckOption); {
	case co != "" && co != "local" && co != "cascaded":
		return fmt.Errorf("%s: %s: CheckOption %q: use \"local\" or \"cascaded\"", d.Name(), obj, v.CheckOption)
	case co != "" && !s.checkOption:
		return un("WITH CHECK OPTION")
	}
	switch al := strings.ToLower(v.Algorithm); {
	case al != "" && al != "merge" && al != "temptable" && al != "undefined":
		return fmt.Errorf("%s: %s: Algorithm %q: use \"merge\" or \"temptable\"", d.Name(), obj, v.Algorithm)
	case al != "" && !s.algorithm:
		return un("ALGORITHM")
	}
	if v.SecurityInvoker && !s.securityInvoker {
		return un("a security-invoker view")
	}
	if v.SecurityBarrier && !s.securityBarrier {
		return un("a security-barrier view")
	}
	if len(v.ColumnComments) > 0 && !s.columnComments {
		return un("comments on view columns")
	}
	if len(v.ColumnDefaults) > 0 && !s.columnDefaults {
		return un("defaults on view columns")
	}
	return nil
}
