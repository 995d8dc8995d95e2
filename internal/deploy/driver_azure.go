//go:build !medkb_nocloud && !medkb_noazure

package deploy

import _ "gocloud.dev/blob/azureblob" // azblob://
