// The web page's one enhancement: the CPV search answers as you type, without sending the
// whole form. Without this script the Find button sends the form and the page lists the codes.
(function () {
  "use strict";
  var input = document.getElementById("f-cpv_query");
  var found = document.getElementById("cpv-found");
  var codes = document.getElementById("f-cpv");
  if (!input || !found || !codes) { return; }
  var lang = document.documentElement.lang === "sv" ? "sv" : "en";
  var addWord = lang === "sv" ? "Lägg till" : "Add";
  var timer = null;
  function add(code) {
    var list = codes.value.split(/[,\s]+/).filter(function (c) { return c; });
    if (list.indexOf(code) < 0) { list.push(code); }
    codes.value = list.join(", ");
    codes.focus();
  }
  function show(list, q) {
    found.textContent = "";
    if (!list.length) {
      var none = document.createElement("p");
      none.textContent = (lang === "sv" ? "Ingen CPV-kod matchar ”" + q + "”." : "No CPV code matches “" + q + "”.");
      found.appendChild(none);
      return;
    }
    var ul = document.createElement("ul");
    ul.className = "found";
    list.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = addWord;
      button.setAttribute("aria-label", addWord + " " + item.code + " " + item.name);
      button.addEventListener("click", function () { add(item.code); });
      var code = document.createElement("span");
      code.className = "code";
      code.textContent = item.code;
      li.appendChild(button);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(code);
      li.appendChild(document.createTextNode(" " + item.name));
      ul.appendChild(li);
    });
    found.appendChild(ul);
  }
  function search() {
    var q = input.value.trim();
    if (q.length < 3) { found.textContent = ""; return; }
    fetch("/api/cpv?lang=" + lang + "&q=" + encodeURIComponent(q))
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) { show(list, q); })
      .catch(function () {});
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  // Enter in the search box searches; it does not send the whole form.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      search();
    }
  });
})();
