package search

import (
	"cmp"
	"encoding/json"
	"slices"
)

// A first query's lists are packed by affinity: the stems a query of hot
// words reads together share a postings shard, so that "high blood
// pressure" (and its synonym "hypertension") or "metformin side effects"
// read one or two shards, not one per stem. Which stems go together is
// known before any query from three sources, strongest first:
//
//   - the stems of one hot synonym group, or of one class's members and
//     broader phrases: a query that matches any of its phrases reads all
//     of them;
//   - a hot word's exact stems and the stems of the longer words it
//     starts: a word being typed reads them all;
//   - stems next to each other in titles ("heart attack", "side
//     effects"), by how many titles hold the pair: readers type the
//     words of titles together.
//
// Stems are joined along these edges, strongest first, as long as the
// joined lists (their entries counted) stay within targetFirstQueryShard;
// the groups are then packed into shards in order of their first stem,
// those under minFirstQueryShard sharing one with the groups after them.

// affinityEdge joins two stems with a weight: stronger edges join first.
type affinityEdge struct {
	a, b   string
	weight int
}

const (
	synonymAffinity    = 1 << 40 // stems of one synonym group or class (plus how likely it is typed)
	completionAffinity = 1 << 30 // a hot word's stems and completions
	maxGroupAffinity   = 16      // stems of one group joined pairwise, at most
	minTitlePairs      = 3       // titles holding two adjacent stems, for them to join
	minTitleShare      = 0.25    // of the rarer stem's titles
)

// affinity returns the edges between the hot stems that a query of hot
// words reads together (see above). titlePairs counts the titles holding
// each pair of adjacent stems; a pair joins when at least
// minTitlePairs titles hold it and it is at least minTitleShare of the
// titles of its rarer stem (titles made of unrelated words do not join
// their stems). A smaller synonym group joins before a larger one: its
// phrases are the more specific.
func (hv *hotVocab) affinity(hs *hotSynonyms, titlePairs map[[2]string]int) []affinityEdge {
	stem := func(r int) string { return hv.Stems[r][0].(string) }
	var edges []affinityEdge
	clique := func(stems []string, weight int) {
		slices.Sort(stems)
		stems = slices.Compact(stems)
		if len(stems) > maxGroupAffinity {
			return // too broad to say which stems a query reads
		}
		for i, a := range stems {
			for _, b := range stems[i+1:] {
				edges = append(edges, affinityEdge{a, b, weight - len(stems)})
			}
		}
	}
	// How likely a phrase of several words is typed: the titles holding
	// its stems side by side (the rarest of its pairs).
	likely := func(ph []any) int {
		stems := hv.phraseStems(ph, nil)
		if len(stems) < 2 {
			return 0
		}
		n := -1
		for i := range len(stems) - 1 {
			a, b := stems[i], stems[i+1]
			if c := titlePairs[[2]string{min(a, b), max(a, b)}]; n < 0 || c < n {
				n = c
			}
		}
		return n * maxGroupAffinity // the group's size breaks ties
	}
	alternative := func(ph []any, out []string) []string {
		return append(out, alternativeLists(hv.phrase(ph))...)
	}
	if hs != nil {
		// A query that types a phrase of a group reads the phrase's own
		// stems and the other phrases as alternatives.
		for _, g := range hs.Groups {
			for i, ph := range g {
				stems := hv.phraseStems(ph, nil)
				for j, o := range g {
					if j != i {
						stems = alternative(o, stems)
					}
				}
				clique(stems, synonymAffinity+likely(ph))
			}
		}
		// A class is one way: a member reads its own stems and the
		// broader phrases.
		for _, cl := range hs.Classes {
			var broader []string
			for _, ph := range cl[1] {
				broader = alternative(ph, broader)
			}
			for _, ph := range cl[0] {
				clique(hv.phraseStems(ph, slices.Clone(broader)), synonymAffinity+likely(ph))
			}
		}
	}
	for _, w := range hv.Words {
		var stems []string
		for _, r := range w[0] {
			stems = append(stems, stem(r))
		}
		for _, r := range w[1] {
			stems = append(stems, stem(r))
		}
		clique(stems, completionAffinity)
	}
	hot := map[string]bool{}
	for _, s := range hv.Stems {
		hot[s[0].(string)] = true
	}
	titles := map[string]int{} // stem → pairs' titles it is in
	for p, n := range titlePairs {
		if p[0] == p[1] {
			titles[p[0]] = n
		}
	}
	for p, n := range titlePairs {
		if p[0] != p[1] && hot[p[0]] && hot[p[1]] && n >= minTitlePairs && float64(n) >= minTitleShare*float64(min(titles[p[0]], titles[p[1]])) {
			edges = append(edges, affinityEdge{p[0], p[1], n})
		}
	}
	slices.SortFunc(edges, func(x, y affinityEdge) int {
		return cmp.Or(cmp.Compare(y.weight, x.weight), cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	return edges
}

// firstQueryList is the head of a list a query of hot words reads, held
// until the lists are packed by affinity.
type firstQueryList struct {
	stem  string
	head  json.RawMessage
	pairs []stemDoc
}

// packByAffinity groups lists (in stem order) into shards: stems joined
// by edges, strongest first, while a group's size (size: of its lists,
// their shared entries counted once) stays within target. Each group is
// a shard, in the order of its first stem: a shard of lists no query
// reads together would be bytes the query does not use. Only a group
// smaller than minShard joins the groups after it, in stem order, until
// their shard reaches minShard (never past target). It returns each
// shard's lists as indexes into lists, in stem order.
func packByAffinity(lists []firstQueryList, edges []affinityEdge, size func(members []int) int, target, minShard int) [][]int {
	index := make(map[string]int, len(lists))
	parent := make([]int, len(lists))
	members := make([][]int, len(lists))
	sizes := make([]int, len(lists))
	for i, l := range lists {
		index[l.stem] = i
		parent[i] = i
		members[i] = []int{i}
		sizes[i] = size(members[i])
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	for _, e := range edges {
		a, okA := index[e.a]
		b, okB := index[e.b]
		if !okA || !okB {
			continue
		}
		ra, rb := find(a), find(b)
		if ra == rb || sizes[ra]+sizes[rb] > 2*target {
			continue
		}
		if rb < ra {
			ra, rb = rb, ra
		}
		joined := append(slices.Clone(members[ra]), members[rb]...)
		n := size(joined)
		if n > target {
			continue
		}
		parent[rb] = ra // a group is named by its first stem
		members[ra], members[rb], sizes[ra] = joined, nil, n
	}
	// Groups below minFirstQueryShard join the groups after them, in stem
	// order, until the shard reaches it: on a small site every list is a
	// few hundred bytes, and a file per list would be hundreds of files
	// (the demo site's Spanish index: 430 shards for 8) and a request
	// each for no bytes saved.
	var shards [][]int
	var open []int
	openSize := 0
	for i := range lists {
		if find(i) != i {
			continue
		}
		if open != nil && openSize >= minShard {
			shards = append(shards, open)
			open, openSize = nil, 0
		}
		if open != nil {
			joined := append(slices.Clone(open), members[i]...)
			if n := size(joined); n <= target {
				open, openSize = joined, n
				continue
			}
			shards = append(shards, open)
		}
		open, openSize = slices.Clone(members[i]), sizes[i]
	}
	if open != nil {
		shards = append(shards, open)
	}
	for _, sh := range shards {
		slices.Sort(sh)
	}
	return shards
}

// copyLists returns, for each shard (packByAffinity's), the small lists
// of other shards to copy into it: a list of at most maxCopiedList bytes
// (size, its entries counted) joined by an edge to a list of the shard,
// strongest edges first, into at most maxCopies shards, each taking at
// most maxCopiedInto bytes of copies. A class's
// broader phrase ("diabetes medicines") is read with every member's
// list, and most members' lists fill shards of their own: without a copy
// "metformin side effects" read a third shard of 12 KiB gzip at 100,000
// bench articles for a list of one posting. The manifest names the copies
// (hotVocab.Copies); search.js reads a list from a shard its query reads
// anyway when one holds a copy. A list this small has no tail (a head
// holds firstQueryPositions postings before one is cut, and their entries
// alone pass maxCopiedList); the copy's shard would name it all the same.
func copyLists(lists []firstQueryList, shards [][]int, edges []affinityEdge, size func(members []int) int) [][]int {
	index := make(map[string]int, len(lists))
	for i, l := range lists {
		index[l.stem] = i
	}
	shardOf := make([]int, len(lists))
	for si, sh := range shards {
		for _, i := range sh {
			shardOf[i] = si
		}
	}
	sizes := map[int]int{} // of the lists sized so far
	sizeOf := func(i int) int {
		n, ok := sizes[i]
		if !ok {
			n = size([]int{i})
			sizes[i] = n
		}
		return n
	}
	out := make([][]int, len(shards))
	copied := map[int][]int{} // list → shards holding a copy
	took := make([]int, len(shards))
	add := func(i, into int) {
		if shardOf[i] == into || len(copied[i]) >= maxCopies || slices.Contains(copied[i], into) {
			return
		}
		n := sizeOf(i)
		if n > maxCopiedList || took[into]+n > maxCopiedInto {
			return
		}
		took[into] += n
		copied[i] = append(copied[i], into)
		out[into] = append(out[into], i)
	}
	for _, e := range edges {
		a, okA := index[e.a]
		b, okB := index[e.b]
		if !okA || !okB {
			continue
		}
		add(a, shardOf[b])
		add(b, shardOf[a])
	}
	for _, sh := range out {
		slices.Sort(sh)
	}
	return out
}

const (
	maxCopiedList = 3 << 10  // bytes of a list copied into other shards, its entries counted
	maxCopies     = 32       // shards a list is copied into
	maxCopiedInto = 10 << 10 // bytes of copies a shard takes (a quarter of targetFirstQueryShard)
)

// splitList cuts a list in its JSON form, [[doc, score, titleStems,
// positions…], …]: the head is its first n postings, then the scores of
// the next ones up to the depth of scored (their postings without
// positions: [doc, score, titleStems]); the tail is every posting after
// the first n, in full (nil when the list holds no more than n).
func splitList(list []byte, n, scored int) (head, tail []byte) {
	count := 0
	cut := -1
	for i := 1; i < len(list)-1; i++ {
		if list[i] == ']' {
			if count++; count == n {
				cut = i + 1
				break
			}
		}
	}
	if cut < 0 || cut >= len(list)-1 {
		return list, nil
	}
	tail = append(append(make([]byte, 0, len(list)-cut), '['), list[cut+1:]...)
	head = append(make([]byte, 0, cut+(scored-n)*16), list[:cut]...)
	// Each posting after the cut, to the depth of scored: "[doc,score,title".
	rest := list[cut:]
	for k := n; k < scored && len(rest) > 2 && rest[0] == ','; k++ {
		end := 0
		commas := 0
		for end < len(rest) && rest[end] != ']' {
			if rest[end] == ',' {
				commas++
				if commas == 4 { // the comma before the first position
					break
				}
			}
			end++
		}
		head = append(head, rest[:end]...)
		head = append(head, ']')
		for end < len(rest) && rest[end] != ']' {
			end++
		}
		rest = rest[end+1:]
	}
	return append(head, ']'), tail
}
