// The letter form: a live word count beside the letter, and word to screen readers when help
// appears above the letter as it is written. It counts words the way the server does (letters
// or digits, with inner apostrophes; characters that draw nothing are not there). Without
// JavaScript the form works the same; the server enforces the limit either way.
// Nothing typed is ever kept in the browser (no localStorage, no sessionStorage): on a shared
// or watched device a draft left behind could be read by the wrong person.
(function () {
  var box = document.querySelector("textarea[data-word-limit]");
  var out = document.querySelector("[data-word-count]");
  var status = document.getElementById("word-limit-status");
  if (!box || !out) return;
  var limit = parseInt(box.getAttribute("data-word-limit"), 10);
  var word = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu;
  // Kept in step with dearly/lib/text.py.
  var invisible = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/gu;
  var wasOver = false;

  function update() {
    var count = (box.value.replace(invisible, "").match(word) || []).length;
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

  // Help found in the words typed so far is shown just above the letter (by htmx, out of band).
  // Say so once when it appears, not at every pause in typing.
  var helpStatus = document.getElementById("help-now-status");
  var helpShown = false;
  document.body.addEventListener("htmx:afterSettle", function () {
    var shown = !!document.querySelector("#help-now-live [data-help-now]");
    if (helpStatus && shown !== helpShown) {
      helpStatus.textContent = shown
        ? "Help is available now: places to call or text at any hour are shown just above your letter."
        : "";
    }
    helpShown = shown;
  });
})();
