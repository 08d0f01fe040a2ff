/* Small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // After a failed submit, move focus to the error summary so screen-reader and keyboard
  // users hear what went wrong first (GOV.UK error summary pattern).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // A link in the error summary jumps to the field; scroll its label into view too, so the
  // question is visible and not hidden under the top of the screen.
  function linkSummaryToFields() {
    document.querySelectorAll("[data-error-summary] a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var input = document.getElementById(link.getAttribute("href").slice(1));
        if (!input) {
          return;
        }
        event.preventDefault();
        var holder = input.closest("fieldset, .regie-field") || input;
        holder.scrollIntoView();
        input.focus({ preventScroll: true });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    linkSummaryToFields();
  });
})();
