package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	scalinghttp "github.com/Scalingo/go-scalingo/v7/http"
)

// line is what one go-scalingo call returned, as one JSON line on stdout.
type line struct {
	Call  string       `json:"call"`
	Args  interface{}  `json:"args,omitempty"`
	OK    bool         `json:"ok"`
	Value interface{}  `json:"value,omitempty"`
	Error *errorReport `json:"error,omitempty"`
	// Polls is how many ShowRegionMigration calls a wait made.
	Polls int `json:"polls,omitempty"`
}

// errorReport says what kind of error go-scalingo produced, so tests can tell a parsed API
// error (e.g. a 422 read as UnprocessableEntity) from one go-scalingo could not understand.
type errorReport struct {
	Message string `json:"message"`
	// Go types from the outermost wrapper down to the root cause.
	Chain []string `json:"chain"`
	// Set when go-scalingo recognised an HTTP error answer (*http.RequestFailedError).
	Status       int                 `json:"status,omitempty"`
	APIErrorType string              `json:"apiErrorType,omitempty"`
	APIMessage   string              `json:"apiMessage,omitempty"`
	Fields       map[string][]string `json:"fields,omitempty"`
	Resource     string              `json:"resource,omitempty"`
}

func emit(call string, args interface{}, value interface{}, err error) {
	out := line{Call: call, Args: args, OK: err == nil, Value: value}
	if err != nil {
		out.Value = nil
		out.Error = describe(err)
	}
	write(out)
}

func write(out line) {
	data, err := json.Marshal(out)
	if err != nil {
		data = []byte(fmt.Sprintf(`{"call":%q,"ok":false,"error":{"message":"cannot encode result: %s"}}`, out.Call, err))
	}
	fmt.Fprintln(os.Stdout, string(data))
}

// describe walks the chain as the Scalingo CLI does (errgo's Underlying, then Unwrap).
func describe(err error) *errorReport {
	report := &errorReport{Message: err.Error()}
	for e := err; e != nil; e = next(e) {
		report.Chain = append(report.Chain, fmt.Sprintf("%T", e))
		failed, ok := e.(*scalinghttp.RequestFailedError)
		if !ok {
			continue
		}
		report.Status = failed.Code
		report.APIErrorType = fmt.Sprintf("%T", failed.APIError)
		report.APIMessage = failed.Message
		switch apiErr := failed.APIError.(type) {
		case scalinghttp.UnprocessableEntity:
			report.Fields = apiErr.Errors
		case scalinghttp.NotFoundError:
			report.Resource = apiErr.Resource
		}
	}
	return report
}

func next(err error) error {
	if u, ok := err.(interface{ Underlying() error }); ok {
		return u.Underlying()
	}
	return errors.Unwrap(err)
}
