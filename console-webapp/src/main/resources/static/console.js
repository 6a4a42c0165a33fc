// The console's only script of its own, kept out of the pages as the content security policy
// allows no inline script.

// Asks before a form marked data-confirm is sent (terminate).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// Tells the console the browser's time zone, which pages use unless the user chose one
// (io.stratus.console.time.UserZone).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("stratus_tz=" + encodeURIComponent(zone)) < 0) {
      document.cookie = "stratus_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax; secure";
    }
  } catch (e) {
    // No Intl: times stay in UTC.
  }
})();
