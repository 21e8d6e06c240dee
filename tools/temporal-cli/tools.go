//go:build tools

// Package tools pins the Temporal CLI so `go build` can produce the dev server offline
// from the Go module proxy. See ../../scripts/temporal-cli.sh.
package tools

import _ "github.com/temporalio/cli/cmd/temporal"
