// Quick exit: replace this page in the history so Back does not return here, then go.
// The Escape key does the same. Without JavaScript the link still leaves the site.
(function () {
  function leave(event) {
    if (event) event.preventDefault();
    document.body.innerHTML = "";
    window.location.replace("https://www.weather.gov/");
  }
  document.querySelectorAll("[data-quick-exit]").forEach(function (link) {
    link.addEventListener("click", leave);
  });
  document.addEventListener("keydown", function (event) {
    // Not while an input method is composing (Japanese, Chinese, Korean...): there Escape only
    // cancels the word being composed, and leaving would throw away a letter being written.
    if (event.key === "Escape" && !event.isComposing) leave(event);
  });
})();
