// medkb default theme: shows "review overdue" notices once a page's next
// review date has passed, so a page built long ago still warns its readers.
// No other behaviour; no network requests.
(function () {
  "use strict";
  var today = new Date().toISOString().slice(0, 10);
  var notices = document.querySelectorAll(".notice-overdue[data-next-review]");
  for (var i = 0; i < notices.length; i++) {
    if (notices[i].getAttribute("data-next-review") < today) {
      notices[i].hidden = false;
    }
  }
})();
