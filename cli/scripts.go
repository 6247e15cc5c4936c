package cli

import "github.com/migratego/migrate/cli/config"

// configName names the configuration file in messages.
func configName(cfg *config.Config) string {
	if cfg.Found() {
		return cfg.File
	}
	return config.FileName
}
