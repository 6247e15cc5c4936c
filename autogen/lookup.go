package autogen

// shortList is the length up to which a scan finds an element by name
// faster than a map, which also costs an allocation.
const shortList = 16

// lookup returns a function that finds the element of list with a name: by
// a scan for short lists (most tables have a few columns and indexes), by
// a map for long ones, so that comparing a table stays linear.
func lookup[T any](list []T, name func(T) string) func(string) (T, bool) {
	if len(list) <= shortList {
		return func(n string) (T, bool) {
			for _, x := range list {
				if name(x) == n {
					return x, true
				}
			}
			var zero T
			return zero, false
		}
	}
	m := make(map[string]T, len(list))
	for _, x := range list {
		if _, dup := m[name(x)]; !dup {
			m[name(x)] = x
		}
	}
	return func(n string) (T, bool) {
		x, ok := m[n]
		return x, ok
	}
}
