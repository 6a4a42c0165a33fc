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

// Lists and the dashboard refresh themselves (class "live": htmx asks the same address every 10 s
// and swaps in the same element of the answer). A refresh is skipped while the tab is hidden or
// while a form inside holds something typed or chosen, so nothing a user is entering is lost; the
// tab coming back refreshes at once. An answer without the element (the session ended: the
// sign-in page) is not swapped in: the browser goes to that page instead.
(function () {
  function holdsInput(region) {
    var fields = region.querySelectorAll("input, select, textarea");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") {
        continue;
      }
      if (f === document.activeElement) {
        return true;
      }
      if (f.tagName === "SELECT") {
        for (var j = 0; j < f.options.length; j++) {
          if (f.options[j].selected !== f.options[j].defaultSelected) {
            return true;
          }
        }
      } else if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked !== f.defaultChecked) {
          return true;
        }
      } else if (f.value !== f.defaultValue) {
        return true;
      }
    }
    return false;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var region = event.detail.elt;
    if (region.classList && region.classList.contains("live")
        && (document.hidden || holdsInput(region))) {
      event.preventDefault();
    }
  });

  // A refresh is not the user's doing: the console does not count it as activity, so a page left
  // open still signs its user out after the idle timeout (IdleTimeoutFilter).
  document.addEventListener("htmx:configRequest", function (event) {
    var region = event.detail.elt;
    if (region.classList
        && (region.classList.contains("live") || region.classList.contains("job-progress"))) {
      event.detail.headers["X-Stratus-Refresh"] = "1";
    }
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var region = event.detail.elt;
    if (!(region.classList && region.classList.contains("live"))) {
      return;
    }
    var answer = event.detail.serverResponse || "";
    if (answer.indexOf('id="' + region.id + '"') < 0) {
      event.detail.shouldSwap = false;
      var url = event.detail.xhr && event.detail.xhr.responseURL;
      if (url && url.indexOf("/signin") >= 0) {
        window.location.assign(url);
      }
    }
  });

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && window.htmx) {
      document.querySelectorAll(".live").forEach(function (region) {
        window.htmx.trigger(region, "refresh");
      });
    }
  });
})();
