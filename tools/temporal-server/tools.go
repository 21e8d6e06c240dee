//go:build tools

// Package tools pins the Temporal server and its SQL schema tool, at the version the Temporal CLI in
// ../temporal-cli embeds, so `go build` can produce both from the Go module proxy. See
// ../../runtime/temporal-server.ts.
package tools

import (
	_ "go.temporal.io/server/cmd/server"
	_ "go.temporal.io/server/cmd/tools/sql"
)
