// Progressive enhancement of a form with a file of limited size (the evidence of an obligations measure): a chosen file
// over the limit (the input's data-max-bytes) is not sent, which would upload it for nothing and, above what the server
// reads at all, leave the person on an error page. The field says why (data-too-large, in the page's language), as the
// server's own refusal would, and the rest of the form stays as typed. Without this script the server refuses it.
(function () {
  'use strict';

  function errorOf(input) {
    return document.getElementById(input.id + '-size-error');
  }

  function check(input) {
    var limit = Number(input.getAttribute('data-max-bytes'));
    var tooLarge = input.files && input.files.length > 0 && input.files[0].size > limit;
    var error = errorOf(input);
    var field = input.closest('.field');
    if (tooLarge && !error) {
      error = document.createElement('p');
      error.className = 'field-error';
      error.id = input.id + '-size-error';
      error.textContent = input.getAttribute('data-too-large');
      input.parentNode.insertBefore(error, input);
      input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + error.id).trim());
      input.setAttribute('aria-invalid', 'true');
      if (field) {
        field.classList.add('field--error');
      }
    } else if (!tooLarge && error) {
      input.setAttribute('aria-describedby', (input.getAttribute('aria-describedby') || '').split(' ')
          .filter(function (id) { return id !== error.id; }).join(' '));
      input.removeAttribute('aria-invalid');
      error.remove();
      if (field && !field.querySelector('.field-error')) {
        field.classList.remove('field--error');
      }
    }
    return !tooLarge;
  }

  document.querySelectorAll('input[type=file][data-max-bytes]').forEach(function (input) {
    input.addEventListener('change', function () {
      check(input);
    });
    if (input.form) {
      input.form.addEventListener('submit', function (event) {
        if (!check(input)) {
          event.preventDefault();
          input.focus();
        }
      });
    }
  });
}());
