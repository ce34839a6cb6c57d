// A form sent back with problems: focus starts at its error summary, so a keyboard or screen-reader user lands on what
// went wrong instead of at the top of the page, with no idea that anything did (WCAG 2.1 AA 3.3.1 and 2.4.3; the
// error-summary pattern of GOV.UK and the NL Design System). The page renders the summary with class "error-summary"
// and tabindex="-1" (it takes focus without joining the Tab order); a refusal told in a notice rather than a summary
// (a task that moved on, a draft saved meanwhile) carries data-refusal and tabindex="-1" the same way. One such element
// per page; the first in the page wins.
//
// A link in the summary names its input by id. Followed, the browser puts focus in the input and scrolls the input to
// the top of the window, its label (or its group's legend) just above it out of view: the person lands on an input
// without the question it answers. Here the label is brought into view with it (as GOV.UK's error summary does).
// Without this script the summary is still the first thing in the form, and its links still lead to the inputs.
(function () {
  'use strict';

  function labelOf(input) {
    var fieldset = (input.type === 'radio' || input.type === 'checkbox') && input.closest('fieldset');
    if (fieldset && fieldset.querySelector('legend')) {
      return fieldset.querySelector('legend');
    }
    return input.id ? document.querySelector('label[for="' + CSS.escape(input.id) + '"]') : null;
  }

  var summary = document.querySelector('.error-summary[tabindex="-1"], [data-refusal][tabindex="-1"]');
  if (!summary) {
    return;
  }
  // a summary inside a closed disclosure cannot take focus: the page opens it, this makes sure
  var closed = summary.closest('details:not([open])');
  if (closed) {
    closed.open = true;
  }
  summary.focus();

  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    var target = link && document.getElementById(decodeURIComponent(link.getAttribute('href').substring(1)));
    if (!target || !target.matches('input, select, textarea, button')) {
      return;
    }
    event.preventDefault();
    var label = labelOf(target);
    (label || target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
}());
