//go:build !medkb_nocloud && !medkb_nos3

package deploy

import _ "gocloud.dev/blob/s3blob" // s3://
