// Progressive enhancement of the pre-scan form: hides the questions that do not count with the answers given
// so far, as the assessment engine ignores their answers. Without this script every question shows with its
// condition in words, and the server decides either way. The conditions come from the policy, rendered by
// PreScanForm into data-conditions: [{name, operator, value, show}], all of which must allow the question.
(function () {
  'use strict';

  function answerOf(form, name) {
    var inputs = Array.prototype.filter.call(form.elements, function (input) {
      return input.name === name && !input.closest('[hidden]');
    });
    var values = [];
    var several = false;
    inputs.forEach(function (input) {
      if (input.type === 'checkbox') {
        several = true;
        if (input.checked) {
          values.push(input.value);
        }
      } else if (input.type === 'radio') {
        if (input.checked) {
          values.push(input.value);
        }
      } else if (input.value !== '') {
        values.push(input.value);
      }
    });
    return { values: values, several: several, options: inputs.length };
  }

  function holds(form, rule) {
    var answer = answerOf(form, rule.name);
    switch (rule.operator) {
      case 'equals':
        return !answer.several && answer.values.length > 0 && answer.values[0] === rule.value;
      case 'contains':
        return answer.several
          ? answer.values.indexOf(rule.value) >= 0
          : answer.values.length > 0 && answer.values[0].indexOf(rule.value) >= 0;
      case 'any':
        return answer.values.length > 0;
      case 'all':
        return answer.several && answer.options > 0 && answer.values.length === answer.options;
      default:
        return true;
    }
  }

  function update(form, dependents) {
    // document order: a question's own condition is settled before the questions that depend on it
    dependents.forEach(function (element) {
      var rules = JSON.parse(element.getAttribute('data-conditions'));
      element.hidden = !rules.every(function (rule) {
        return holds(form, rule) === rule.show;
      });
    });
  }

  document.querySelectorAll('form').forEach(function (form) {
    var dependents = Array.prototype.slice.call(form.querySelectorAll('[data-conditions]'));
    if (dependents.length === 0) {
      return;
    }
    form.addEventListener('change', function () {
      update(form, dependents);
    });
    update(form, dependents);
  });
})();
