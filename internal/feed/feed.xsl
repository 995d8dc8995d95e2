<?xml version="1.0" encoding="UTF-8"?>
<!-- Renders medkb's RSS and Atom feeds as a readable page when a person
     opens one in a browser. It requests nothing but the stylesheet named
     below, from the site itself; every feed value is inserted as text. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
<xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="yes"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
<xsl:template match="/">
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/></title>
<link rel="stylesheet" href="{{.CSS}}"/>
</head>
<body>
<main class="feed-page">
<section class="feed-about" aria-labelledby="feed-about-title">
<h2 id="feed-about-title">{{.Notice}}</h2>
<p>{{.HowTo}}</p>
<p>{{.Address}} <code class="feed-address"><xsl:value-of select="$self"/></code></p>
</section>
<h1><xsl:value-of select="/rss/channel/title | /atom:feed/atom:title"/></h1>
<p class="feed-description"><xsl:value-of select="/rss/channel/description | /atom:feed/atom:subtitle"/></p>
<p><a class="feed-home" href="{/rss/channel/link | /atom:feed/atom:link[@rel='alternate' and @type='text/html']/@href}">{{.Home}}</a></p>
<h2>{{.Recent}}</h2>
<ol class="feed-items">
<xsl:for-each select="/rss/channel/item">
<li><a href="{link}"><xsl:value-of select="title"/></a><xsl:text> </xsl:text><span class="feed-date"><xsl:value-of select="substring(pubDate, 6, 11)"/></span></li>
</xsl:for-each>
<xsl:for-each select="/atom:feed/atom:entry">
<li><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a><xsl:text> </xsl:text><span class="feed-date"><xsl:value-of select="substring(atom:published, 1, 10)"/></span><p><xsl:value-of select="atom:summary"/></p></li>
</xsl:for-each>
</ol>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
