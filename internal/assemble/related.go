package assemble

import (
	"slices"
	"strings"

	"github.com/medkb/medkb/internal/page"
)

// related picks, for each article, the MaxRelated articles sharing the most
// tags with it (ties: same section first, then newest, then URL).
//
// Counting, for every article, each article of each of its tags costs the
// sizes of those tags, and a site's tags grow with it: on 200 tags that
// was 16 µs per article at 10,000 articles and 227 µs at 100,000
// (BenchmarkRelated's sites), 50 s of a real 100,000-article build. Here
// the articles sharing two or more tags come from an index of tag pairs
// (an article sharing k tags is on k(k-1)/2 of the lists), and the
// articles sharing exactly one are read off per-tag lists kept in
// tie-break order, stopping as soon as enough are found: 4.5 µs and 6 µs
// per article; 1.3 s at 100,000 real articles. Pair lists still grow with
// the site, but spread over every pair of tags rather than every tag.
// TestRelatedMatchesCounting holds it to counting.
func related(ls *Lang) {
	arts := ls.Articles
	n := len(arts)
	if n == 0 {
		return
	}
	// rank orders articles newest first, then by URL: the tie-break after
	// the number of shared tags and the section.
	byRank := make([]int32, n)
	for i := range byRank {
		byRank[i] = int32(i)
	}
	slices.SortFunc(byRank, func(a, b int32) int {
		pa, pb := arts[a], arts[b]
		if !pa.Meta.Date.Equal(pb.Meta.Date.Time) {
			if pa.Meta.Date.After(pb.Meta.Date.Time) {
				return -1
			}
			return 1
		}
		return strings.Compare(pa.RelPermalink, pb.RelPermalink)
	})
	rank := make([]int32, n)
	for r, i := range byRank {
		rank[i] = int32(r)
	}

	// Each article's distinct tags, as sorted tag numbers.
	tagNum := make(map[*Tag]int32, len(ls.Tags))
	for i, t := range ls.Tags {
		tagNum[t] = int32(i)
	}
	tagsOf := make([][]int32, n)
	for i, p := range arts {
		var ts []int32
		for _, name := range p.Meta.Tags {
			if t := ls.tagBySlug[Slugify(name)]; t != nil {
				ts = append(ts, tagNum[t])
			}
		}
		slices.Sort(ts)
		tagsOf[i] = slices.Compact(ts)
	}

	// Articles by tag and by tag and section, in rank order; articles by
	// pair of tags.
	byTag := make([][]int32, len(ls.Tags))
	byTagSection := make([]map[string][]int32, len(ls.Tags))
	pairs := map[uint64][]int32{}
	for _, i := range byRank {
		ts := tagsOf[i]
		for a, t := range ts {
			byTag[t] = append(byTag[t], i)
			if byTagSection[t] == nil {
				byTagSection[t] = map[string][]int32{}
			}
			sec := arts[i].Section
			byTagSection[t][sec] = append(byTagSection[t][sec], i)
			for _, u := range ts[a+1:] {
				k := pairKey(t, u)
				pairs[k] = append(pairs[k], i)
			}
		}
	}

	// Sections as numbers, for cheap comparisons.
	secNum := map[string]int32{}
	sec := make([]int32, n)
	for i, p := range arts {
		k, ok := secNum[p.Section]
		if !ok {
			k = int32(len(secNum))
			secNum[p.Section] = k
		}
		sec[i] = k
	}

	score := make([]int32, n) // of one article's candidates: pairs of tags shared, then tags shared; 0 otherwise
	var touched, best []int32
	var lists [][]int32
	for i, p := range arts {
		ts := tagsOf[i]
		touched, best = touched[:0], best[:0]
		// Articles sharing two or more tags: one sharing k tags is on
		// k(k-1)/2 of the pair lists.
		for a, t := range ts {
			for _, u := range ts[a+1:] {
				for _, j := range pairs[pairKey(t, u)] {
					if int(j) == i {
						continue
					}
					if score[j] == 0 {
						touched = append(touched, j)
					}
					score[j]++
				}
			}
		}
		for _, j := range touched {
			score[j] = tagsSharing(score[j])
		}
		better := func(a, b int32) bool {
			if score[a] != score[b] {
				return score[a] > score[b]
			}
			if sa, sb := sec[a] == sec[i], sec[b] == sec[i]; sa != sb {
				return sa
			}
			return rank[a] < rank[b]
		}
		for _, j := range touched {
			pos := len(best)
			for pos > 0 && better(j, best[pos-1]) {
				pos--
			}
			if pos < page.MaxRelated {
				best = slices.Insert(best, pos, j)
				if len(best) > page.MaxRelated {
					best = best[:page.MaxRelated]
				}
			}
		}
		// Then articles sharing one tag: those of the same section first,
		// each group newest first. An article sharing one tag is on one of
		// the lists; those sharing more were counted above and are skipped.
		skip := func(j int32) bool { return int(j) == i || score[j] != 0 }
		if len(best) < page.MaxRelated {
			lists = lists[:0]
			for _, t := range ts {
				lists = append(lists, byTagSection[t][p.Section])
			}
			best = takeByRank(best, lists, rank, skip)
		}
		if len(best) < page.MaxRelated {
			lists = lists[:0]
			for _, t := range ts {
				lists = append(lists, byTag[t])
			}
			best = takeByRank(best, lists, rank, func(j int32) bool { return skip(j) || sec[j] == sec[i] })
		}
		p.Related = p.Related[:0]
		for _, j := range best {
			p.Related = append(p.Related, arts[j])
		}
		for _, j := range touched {
			score[j] = 0
		}
	}
}

// relatedOf picks the related articles of the articles for which want is
// true only, by counting each article of each of their tags: it costs the
// sizes of those tags, which is nothing for a few pages, and is obviously
// right, so TestRelatedMatchesCounting holds related to it.
func relatedOf(ls *Lang, want func(*page.Page) bool) {
	for _, p := range ls.Articles {
		if !want(p) {
			continue
		}
		score := map[*page.Page]int{}
		seen := map[*Tag]bool{}
		for _, name := range p.Meta.Tags {
			t := ls.tagBySlug[Slugify(name)]
			if t == nil || seen[t] {
				continue
			}
			seen[t] = true
			for _, q := range t.Pages {
				if q != p {
					score[q]++
				}
			}
		}
		cands := make([]*page.Page, 0, len(score))
		for q := range score {
			cands = append(cands, q)
		}
		slices.SortFunc(cands, func(a, b *page.Page) int {
			if score[a] != score[b] {
				return score[b] - score[a]
			}
			if (a.Section == p.Section) != (b.Section == p.Section) {
				if a.Section == p.Section {
					return -1
				}
				return 1
			}
			if !a.Meta.Date.Equal(b.Meta.Date.Time) {
				if a.Meta.Date.After(b.Meta.Date.Time) {
					return -1
				}
				return 1
			}
			return strings.Compare(a.RelPermalink, b.RelPermalink)
		})
		p.Related = append(p.Related[:0], cands[:min(len(cands), page.MaxRelated)]...)
	}
}

func pairKey(a, b int32) uint64 { return uint64(a)<<32 | uint64(uint32(b)) }

// tagsSharing returns k for the number of pairs k(k-1)/2 of k tags.
func tagsSharing(pairs int32) int32 {
	k := int32(2)
	for k*(k-1)/2 < pairs {
		k++
	}
	return k
}

// takeByRank appends to best, until it holds MaxRelated, the articles of
// lists (each in rank order) in rank order, leaving out those skip names.
// The lists are consumed from their heads; no article is on two of them
// unless skip names it.
func takeByRank(best []int32, lists [][]int32, rank []int32, skip func(int32) bool) []int32 {
	for len(best) < page.MaxRelated {
		top := -1
		for k, l := range lists {
			for len(l) > 0 && skip(l[0]) {
				l = l[1:]
			}
			lists[k] = l
			if len(l) > 0 && (top < 0 || rank[l[0]] < rank[lists[top][0]]) {
				top = k
			}
		}
		if top < 0 {
			return best
		}
		best = append(best, lists[top][0])
		lists[top] = lists[top][1:]
	}
	return best
}
