// Progressive enhancement of the questionnaire forms (pre-scan, DPIA); without this script every question shows
// with its condition in words, a repeatable group offers a fixed number of slots, and the server decides either way.
//
// 1. Hides the questions that do not count with the answers given so far, as the assessment engine ignores their
//    answers. The conditions come from the policy, rendered by QuestionnaireForm into data-conditions:
//    [{name, operator, value, show}], all of which must allow the question.
// 2. Adds a button to each repeatable group that adds one more empty slot, numbered after the last one: a copy of
//    the last slot with its inputs emptied and its names and ids renumbered. The texts come from the page
//    (data-repeat-add, data-repeat-label), in the page's language.
// 3. Shows what the answers conclude so far while the person types: a moment after the last input, the form is sent to
//    the address in the task's data-result-so-far (nothing is saved or recorded there) and the part it returns
//    replaces the result so far. A failed request leaves the last result standing; the server decides on sending.
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

  function update(form) {
    // document order: a question's own condition is settled before the questions that depend on it
    form.querySelectorAll('[data-conditions]').forEach(function (element) {
      var rules = JSON.parse(element.getAttribute('data-conditions'));
      element.hidden = !rules.every(function (rule) {
        return holds(form, rule) === rule.show;
      });
    });
  }

  // ---- repeatable groups ----

  function slotsOf(group) {
    return Array.prototype.filter.call(group.children, function (child) {
      return child.hasAttribute('data-instance');
    });
  }

  /** Renumbers one slot's names (dpia[3.1][2]…) and ids (…-groups-3-1-2…) from one instance number to another. */
  function renumber(slot, group, from, to) {
    var namePrefix = group.getAttribute('data-repeat-name');
    var oldName = namePrefix + '[' + from + ']';
    var newName = namePrefix + '[' + to + ']';
    var oldId = group.id + '-' + from;
    var newId = group.id + '-' + to;
    function renameId(value) {
      return value.split(' ').map(function (id) {
        return id === oldId || id.indexOf(oldId + '-') === 0 ? newId + id.substring(oldId.length) : id;
      }).join(' ');
    }
    [slot].concat(Array.prototype.slice.call(slot.querySelectorAll('*'))).forEach(function (element) {
      ['id', 'for', 'aria-describedby', 'aria-labelledby'].forEach(function (attribute) {
        if (element.hasAttribute(attribute)) {
          element.setAttribute(attribute, renameId(element.getAttribute(attribute)));
        }
      });
      ['name', 'data-repeat-name'].forEach(function (attribute) {
        var name = element.getAttribute(attribute);
        if (name && name.indexOf(oldName) === 0) {
          element.setAttribute(attribute, newName + name.substring(oldName.length));
        }
      });
    });
    slot.setAttribute('data-instance', String(to));
  }

  function emptied(slot) {
    slot.querySelectorAll('.field-error').forEach(function (error) {
      error.parentNode.removeChild(error);
    });
    slot.querySelectorAll('.field--error').forEach(function (field) {
      field.classList.remove('field--error');
    });
    slot.querySelectorAll('[aria-invalid]').forEach(function (input) {
      input.removeAttribute('aria-invalid');
    });
    slot.querySelectorAll('[aria-describedby]').forEach(function (element) {
      var ids = element.getAttribute('aria-describedby').split(' ').filter(function (id) {
        return !/-error$/.test(id);
      });
      if (ids.length > 0) {
        element.setAttribute('aria-describedby', ids.join(' '));
      } else {
        element.removeAttribute('aria-describedby');
      }
    });
    slot.querySelectorAll('input, textarea, select').forEach(function (input) {
      if (input.type === 'checkbox' || input.type === 'radio') {
        input.checked = false;
        input.removeAttribute('checked');
      } else if (input.tagName === 'SELECT') {
        input.selectedIndex = 0;
        Array.prototype.forEach.call(input.options, function (option) {
          option.removeAttribute('selected');
        });
      } else {
        input.value = '';
        input.textContent = '';
        input.removeAttribute('value');
      }
    });
    return slot;
  }

  function addSlot(group) {
    var slots = slotsOf(group);
    var last = slots[slots.length - 1];
    var from = Number(last.getAttribute('data-instance'));
    var slot = emptied(last.cloneNode(true));
    renumber(slot, group, from, from + 1);
    var heading = slot.querySelector('#' + CSS.escape(group.id + '-' + (from + 1) + '-title'));
    if (heading) {
      heading.textContent = group.getAttribute('data-repeat-label').replace('{n}', String(from + 2));
    }
    last.parentNode.insertBefore(slot, last.nextSibling);
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  function addButton(group) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary';
    button.setAttribute('data-repeat-button', '');
    button.textContent = group.getAttribute('data-repeat-add');
    group.appendChild(button);
  }

  // ---- the result so far, while typing ----

  var RESULT_DELAY_MS = 400;

  function followResult(form) {
    var task = form.closest('.task');
    var live = task && task.querySelector('[data-result-so-far]');
    if (!live || !window.fetch || !window.FormData) {
      return;
    }
    var timer = null;
    var latest = 0;
    function refresh() {
      var asked = ++latest;
      fetch(live.getAttribute('data-result-so-far'), {
        method: 'POST',
        body: new FormData(form),
        credentials: 'same-origin',
        headers: { 'Accept': 'text/html' }
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        // an older answer that arrives after a newer one must not replace it
        if (html !== null && asked === latest) {
          live.innerHTML = html;
        }
      }).catch(function () {
        // offline or refused: the result shown stays, and sending the form still works
      });
    }
    function later() {
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(refresh, RESULT_DELAY_MS);
    }
    form.addEventListener('input', later);
    form.addEventListener('change', later);
  }

  document.querySelectorAll('form').forEach(function (form) {
    followResult(form);
    form.querySelectorAll('[data-repeat-name]').forEach(addButton);
    // one listener for every button, also those inside slots added later
    form.addEventListener('click', function (event) {
      var button = event.target.closest('[data-repeat-button]');
      if (button && button.parentNode.hasAttribute('data-repeat-name')) {
        addSlot(button.parentNode);
        update(form);
      }
    });
    if (form.querySelector('[data-conditions]')) {
      // on every input, not only on leaving a field: what is asked follows the answers while they are given
      form.addEventListener('input', function () {
        update(form);
      });
      form.addEventListener('change', function () {
        update(form);
      });
      update(form);
    }
  });
})();
