// The console's only script of its own: asks before a form marked data-confirm is sent
// (terminate). Kept out of the pages, as the content security policy allows no inline script.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
