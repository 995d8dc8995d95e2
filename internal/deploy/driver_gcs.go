//go:build !medkb_nocloud && !medkb_nogcs

package deploy

import _ "gocloud.dev/blob/gcsblob" // gs://
