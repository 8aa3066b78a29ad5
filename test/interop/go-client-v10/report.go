package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	scalinghttp "github.com/Scalingo/go-scalingo/v10/http"
)

// line is what one go-scalingo call returned, as one JSON line on stdout.
type line struct {
	Call   string       `json:"call"`
	Region string       `json:"region,omitempty"`
	Args   interface{}  `json:"args,omitempty"`
	OK     bool         `json:"ok"`
	Value  interface{}  `json:"value,omitempty"`
	Error  *errorReport `json:"error,omitempty"`
	// Polls is how many calls a wait made before the value it reports.
	Polls int `json:"polls,omitempty"`
}

// errorReport says what kind of error go-scalingo produced, so tests can tell a parsed API
// error (e.g. a 422 read as UnprocessableEntity) from an answer go-scalingo could not read.
type errorReport struct {
	Message      string              `json:"message"`
	Chain        []string            `json:"chain"`
	Status       int                 `json:"status,omitempty"`
	APIErrorType string              `json:"apiErrorType,omitempty"`
	Fields       map[string][]string `json:"fields,omitempty"`
	Resource     string              `json:"resource,omitempty"`
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
