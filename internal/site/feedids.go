package site

import (
	"context"

	"github.com/medkb/medkb/internal/feedset"
)

// FeedID is an article's feed id and whether front matter pins it.
type FeedID = feedset.FeedID

// FeedIDs runs the build up to assembling, writing nothing, and returns
// the current feed id of every article and draft of every language, in
// file order, for `medkb fix ids`.
func (b *Builder) FeedIDs(ctx context.Context) ([]FeedID, error) {
	bd := newBuild(b, ctx, nil)
	if err := bd.runThrough("assemble"); err != nil {
		return nil, err
	}
	return feedset.IDs(bd.cfg, bd.site)
}
