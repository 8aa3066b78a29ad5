module interop/goclient

go 1.21

require github.com/Scalingo/go-scalingo/v7 v7.0.2

require (
	github.com/Scalingo/go-utils/errors/v2 v2.4.0 // indirect
	github.com/golang-jwt/jwt/v4 v4.5.0 // indirect
	github.com/golang/mock v1.6.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	golang.org/x/text v0.16.0 // indirect
	gopkg.in/errgo.v1 v1.0.1 // indirect
)
