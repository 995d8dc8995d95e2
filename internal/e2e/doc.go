// Package e2e checks the built medkb demo site the way its readers meet it:
// in a real, headless Chromium, with axe-core for accessibility and the Nu
// Html Checker for HTML validity.
//
// The package holds tests only. TestMain builds the demo site at the
// repository root into a temporary folder with the real medkb build
// (internal/cli), serves it from a loopback-only static server and starts one
// Chromium for the whole package; every test opens its own tab in that
// browser, so tests run in parallel. The tests then check every page kind at
// a phone and a desktop width, in the light and the dark color scheme: no
// console error, no failed request, no request to another host, no
// horizontal scrolling on phones and no axe violation. They also check
// keyboard use (skip link, focus order and focus visibility, the search
// combobox), search results in the browser, print styles, the live-reload
// dev server (medkb serve), a right-to-left site and HTML validity.
//
// The tests never reach the network: the browser may only request the test
// server, and a request to any other host fails the test. They never skip:
// when Chromium, Java or the pinned npm tools (axe-core, vnu-jar) are
// missing, each test that needs them fails with a message naming
// `make deps`, which runs install.sh.
//
// Screenshots of the main page kinds go to testout/screenshots/ at the
// repository root (git-ignored) on every run. With
// MEDKB_UPDATE_SCREENSHOTS=1 the four README screenshots in screenshots/
// beside this file are rewritten too; otherwise the tests write nothing
// inside the repository's tracked tree.
package e2e
