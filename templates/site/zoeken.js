/* Search page of the Bestek theme: runs the Pagefind index in site/pagefind/ (made by `bestek build`).
   Progressive enhancement: without JavaScript the page lists every page of the site instead (the list
   below the results, which this script hides while it shows results).
   Loads nothing from elsewhere; needs a web server (browsers do not fetch the index from file://). */
(function () {
  "use strict";
  var MAX_RESULTS = 20;
  var script = document.currentScript;
  var form = document.getElementById("site-zoekformulier");
  var input = document.getElementById("site-zoekterm");
  var status = document.getElementById("site-zoekstatus");
  var list = document.getElementById("site-zoekresultaten");
  var everything = document.getElementById("site-alle-paginas");
  if (!script || !form || !input || !status || !list) {
    return;
  }
  var root = new URL("../", script.src); // this script lives in <root>/assets/
  var loading = null;
  var latest = 0;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return module;
        });
      });
    }
    return loading;
  }

  function say(text) {
    status.textContent = text;
  }

  function showEverything(shown) {
    if (everything) {
      everything.hidden = !shown;
    }
  }

  /* Lower case, without accents, letters and digits only: how a word is compared with the query. */
  function normal(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) {
      n += 1;
    }
    return n;
  }

  /* Whether a word that Pagefind marked in a result really matches one of the query's words. When a word
     is not in the index, Pagefind searches the longest prefix of it that is (Pagefind pull request 315):
     'xqzwv' finds the 'x' of 'P x Q'. A real match starts with the query word (prefix search), or differs
     from it in its ending only, at most the second half of it (stemming: 'mogelijkheden' finds
     'mogelijk'). */
  function credible(marked, terms) {
    var word = normal(marked);
    return terms.some(function (term) {
      if (!word || !term) {
        return false;
      }
      var shared = commonPrefix(word, term);
      return shared === term.length || (shared >= 4 && 2 * shared >= term.length) || word.indexOf(term) !== -1;
    });
  }

  function matches(result, terms) {
    var marks = (result.excerpt || "").match(/<mark>[\s\S]*?<\/mark>/g) || [];
    return marks.some(function (mark) {
      return credible(mark.replace(/<[^>]*>/g, ""), terms);
    });
  }

  /* Pagefind's excerpt is HTML with <mark> around the matches: keep the text and the marks only. */
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var paragraph = document.createElement("p");
    paragraph.className = "search-excerpt";
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function show(result) {
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(excerpt(result.excerpt || ""));
    list.appendChild(item);
  }

  function search(term) {
    var mine = ++latest;
    list.replaceChildren();
    showEverything(true);
    if (!term) {
      say("");
      return;
    }
    var terms = term.split(/\s+/).map(normal).filter(Boolean);
    if (location.protocol === "file:") {
      say("Zoeken werkt alleen als deze website via een webserver wordt geopend, niet als bestand op uw computer.");
      return;
    }
    say("Bezig met zoeken naar ‘" + term + "’…");
    pagefind().then(function (module) {
      return module.search(term);
    }).then(function (found) {
      /* every result's data, to leave out what only matched a prefix (a site has tens of pages) */
      return Promise.all(found.results.map(function (r) { return r.data(); })).then(function (results) {
        var real = results.filter(function (result) { return matches(result, terms); });
        return { total: real.length, results: real.slice(0, MAX_RESULTS) };
      });
    }).then(function (found) {
      if (mine !== latest) {
        return;
      }
      found.results.forEach(show);
      showEverything(found.total === 0);
      if (found.total === 0) {
        say("Geen resultaten voor ‘" + term + "’." + (everything ? " Hieronder staan alle pagina's van deze website." : ""));
      } else {
        var count = found.total === 1 ? "1 resultaat" : found.total + " resultaten";
        var shown = found.total > MAX_RESULTS ? "; de eerste " + MAX_RESULTS + " staan hieronder." : ".";
        say(count + " voor ‘" + term + "’" + shown);
      }
    }).catch(function () {
      if (mine === latest) {
        say("Zoeken lukt nu niet: de zoekindex van deze website kon niet worden geladen.");
      }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var term = input.value.trim();
    try {
      history.replaceState(null, "", term ? "?q=" + encodeURIComponent(term) : location.pathname);
    } catch (ignored) { /* some browsers refuse this for file: pages; the search still runs */ }
    search(term);
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial.trim());
  }
}());
