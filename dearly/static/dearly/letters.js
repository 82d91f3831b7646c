// The letter form: a live word count beside the letter. It counts words the way the server
// does (letters or digits, with inner apostrophes). Without JavaScript the form works the same;
// the server enforces the limit either way.
(function () {
  var box = document.querySelector("textarea[data-word-limit]");
  var out = document.querySelector("[data-word-count]");
  var status = document.getElementById("word-limit-status");
  if (!box || !out) return;
  var limit = parseInt(box.getAttribute("data-word-limit"), 10);
  var word = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu;
  var wasOver = false;

  function update() {
    var count = (box.value.match(word) || []).length;
    var over = count > limit;
    out.textContent = count + " of " + limit + " words" + (over ? ": " + (count - limit) + " too many" : "");
    out.classList.toggle("over", over);
    // Screen readers hear about the limit only when it is crossed, not at every keystroke.
    if (status && over !== wasOver) {
      status.textContent = over ? "Your letter is over the " + limit + "-word limit." : "Your letter is within the word limit.";
    }
    wasOver = over;
  }
  box.addEventListener("input", update);
  update();
})();
