package versions

// ResolutionErrorKind says why an identifier could not be resolved.
type ResolutionErrorKind int

// The kinds of ResolutionError.
const (
	// ErrSyntax: the identifier or range is malformed.
	ErrSyntax ResolutionErrorKind = iota + 1
	// ErrNotFound: no revision, prefix or label matches.
	ErrNotFound
	// ErrAmbiguous: a prefix matches several revisions (Candidates).
	ErrAmbiguous
	// ErrMultipleHeads: one revision is needed but several heads match.
	ErrMultipleHeads
	// ErrNoSuchBranch: the part before '@' names nothing.
	ErrNoSuchBranch
	// ErrNotOnBranch: the revision is not on the named branch.
	ErrNotOnBranch
	// ErrAmbiguousWalk: a relative walk meets a branch point or merge point.
	ErrAmbiguousWalk
	// ErrWalkedTooFar: a relative walk goes past a head or past base.
	ErrWalkedTooFar
	// ErrNotAncestor: the range or target is not along one branch.
	ErrNotAncestor
	// ErrNotUpgradeTarget: the identifier cannot be the target of the
	// command (`upgrade current`, `stamp current`).
	ErrNotUpgradeTarget
	// ErrRedundantTargets: several targets of one command overlap (the
	// same revision twice, or a revision and its ancestor).
	ErrRedundantTargets
)

// ResolutionError is a revision identifier that cannot be resolved or
// planned for. Its message is Alembic's wording, without a prefix, so the
// command can print it as is.
type ResolutionError struct {
	Kind ResolutionErrorKind
	// Argument is the identifier (or part of it) at fault.
	Argument string
	// Candidates are the revisions an ambiguous prefix matches, or the
	// heads for ErrMultipleHeads, or the choices of an ambiguous walk.
	Candidates []string
	Msg        string
}

// Error implements the error interface.
func (e *ResolutionError) Error() string { return e.Msg }
