package project

import (
	"github.com/migratego/migrate/internal/autogenerate"
	"github.com/migratego/migrate/model"
)

// AutogenRequest prepares an autogenerate run on the configured database
// or a scratch one (autogenerate.NewRequest): the SQL model of models
// (else [model] sql) applied to devURL (else [model] dev_url) or to a
// temporary database, else goModel (env.go's Target, or nil); dropViews
// adds to [autogenerate] drop_views. warning says that the SQL model
// shadows env.go's, when it does. Bad models are input errors.
func (p *Project) AutogenRequest(models []string, devURL string, dropViews bool, goModel func() *model.MetaData) (req autogenerate.Request, warning string, err error) {
	cfg, err := p.Config()
	if err != nil {
		return req, "", err
	}
	if req, err = autogenerate.NewRequest(cfg, models, devURL, p.WorkDir, goModel); err != nil {
		return req, "", input(err)
	}
	req.DropViews = req.DropViews || dropViews
	req.URL, err = p.DatabaseURL()
	return req, req.Model.Shadowed(), err
}
