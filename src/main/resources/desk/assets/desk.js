/*
 * The desk's one script. Every page works without it; on the edit page it adds a Markdown toolbar, a live preview,
 * drafts kept in this browser until saved, and an Insert button for the doc: link picker. No framework, no build
 * step, nothing from other hosts; the Content-Security-Policy allows this file and requests to the desk only.
 */
(function () {
    'use strict';

    var DRAFTS = 'laituri.draft.';
    var FIELDS = ['title', 'summary', 'body', 'tags'];

    function storage() {
        try {
            return window.localStorage;
        } catch (e) {
            return null;
        }
    }

    /** Removes the kept drafts whose key ("user/document/language/version") the test accepts. */
    function forgetDrafts(test) {
        var store = storage();
        if (!store) {
            return;
        }
        var keys = [];
        for (var i = 0; i < store.length; i++) {
            var key = store.key(i);
            if (key && key.indexOf(DRAFTS) === 0 && test(key.substring(DRAFTS.length).split('/'))) {
                keys.push(key);
            }
        }
        keys.forEach(function (key) { store.removeItem(key); });
    }

    function element(tag, attributes, text) {
        var node = document.createElement(tag);
        Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
        if (text) {
            node.textContent = text;
        }
        return node;
    }

    function debounce(run, ms) {
        var timer = null;
        var debounced = function () {
            clearTimeout(timer);
            timer = setTimeout(run, ms);
        };
        debounced.now = function () {
            clearTimeout(timer);
            run();
        };
        return debounced;
    }

    /* Signing out takes this browser's drafts with it: the next person at a shared computer does not find them. */
    document.addEventListener('submit', function (event) {
        var action = event.target.getAttribute('action');
        if (action === '/desk/sign-out' || action === '/desk/sign-out-everywhere') {
            forgetDrafts(function () { return true; });
        }
    });

    /* A save went through: the server answers with the document page and ?saved=<language>. */
    (function forgetSaved() {
        var path = /^\/desk\/documents\/(\d+)$/.exec(location.pathname);
        var saved = new URLSearchParams(location.search).get('saved');
        if (path && saved) {
            forgetDrafts(function (parts) { return parts[1] === path[1] && parts[2] === saved; });
        }
    })();

    var form = document.getElementById('edit-form');
    var body = document.getElementById('body');
    var words = document.getElementById('editor-words');
    if (!form || !body || !words) {
        return;
    }
    // The page's words in the user's language, as data-* attributes (lowercase names).
    var t = words.dataset;
    var status = element('p', {'class': 'editor-status', role: 'status'});
    form.parentNode.insertBefore(status, form);

    function say(text) {
        status.textContent = text;
    }

    function values() {
        var v = {};
        FIELDS.forEach(function (name) { v[name] = form.elements[name] ? form.elements[name].value : ''; });
        return v;
    }

    function changed() {
        body.dispatchEvent(new Event('input', {bubbles: true}));
    }

    /** Puts text in place of the text area's selection, keeping the browser's undo where it can. */
    function replaceSelection(text, selectFrom, selectTo) {
        var start = body.selectionStart;
        body.focus();
        if (!document.execCommand || !document.execCommand('insertText', false, text)) {
            body.setRangeText(text, body.selectionStart, body.selectionEnd, 'end');
            changed();
        }
        body.setSelectionRange(start + selectFrom, start + selectTo);
    }

    /* The toolbar: one tab stop, arrow keys between its buttons (the ARIA toolbar pattern). */
    (function toolbar() {
        var bar = element('div', {role: 'toolbar', 'aria-label': t.toolbar, 'aria-controls': 'body', 'class': 'md-toolbar'});
        var actions = [
            ['bold', 'Control+B', function () { return wrap('**'); }],
            ['italic', 'Control+I', function () { return wrap('*'); }],
            ['heading', null, function () { return prefixLines('## '); }],
            ['link', null, function () {
                var selected = body.value.substring(body.selectionStart, body.selectionEnd);
                var text = selected || t.linktext;
                var out = '[' + text + '](https://)';
                // With a text chosen the address is to be written; without, the placeholder text is chosen.
                return selected ? [out, out.length - 9, out.length - 1] : [out, 1, 1 + text.length];
            }],
            ['list', null, function () { return prefixLines('- '); }]
        ];

        /** The chosen text between marks, still chosen. */
        function wrap(mark) {
            var selected = body.value.substring(body.selectionStart, body.selectionEnd);
            return [mark + selected + mark, mark.length, mark.length + selected.length];
        }

        /** Each line the selection touches, from its start, with the prefix; the caret after them. */
        function prefixLines(prefix) {
            var from = body.value.lastIndexOf('\n', body.selectionStart - 1) + 1;
            var to = body.selectionEnd;
            body.setSelectionRange(from, to);
            var out = body.value.substring(from, to).split('\n').map(function (line) { return prefix + line; }).join('\n');
            return [out, out.length, out.length];
        }

        function apply(run) {
            var result = run();
            replaceSelection(result[0], result[1], result[2]);
        }

        var buttons = actions.map(function (a, i) {
            var button = element('button', {type: 'button', 'class': 'secondary md-' + a[0], tabindex: i === 0 ? '0' : '-1'}, t[a[0]]);
            if (a[1]) {
                button.setAttribute('aria-keyshortcuts', a[1]);
            }
            button.addEventListener('click', function () { apply(a[2]); });
            bar.appendChild(button);
            return button;
        });
        bar.addEventListener('keydown', function (event) {
            var at = buttons.indexOf(document.activeElement);
            var to = {ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1}[event.key];
            if (at < 0 || to === undefined) {
                return;
            }
            event.preventDefault();
            to = (to + buttons.length) % buttons.length;
            buttons[at].setAttribute('tabindex', '-1');
            buttons[to].setAttribute('tabindex', '0');
            buttons[to].focus();
        });
        body.addEventListener('keydown', function (event) {
            if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) {
                return;
            }
            var found = actions.filter(function (a) { return a[1] && a[1].slice(-1) === event.key.toUpperCase(); })[0];
            if (found) {
                event.preventDefault();
                apply(found[2]);
            }
        });
        body.parentNode.insertBefore(bar, body);
    })();

    /* Drafts: what is typed is kept in this browser, by user, document, language and the version it started from. */
    var key = DRAFTS + form.dataset.draft;
    var saved = values();
    var keep = debounce(function () {
        var store = storage();
        if (!store) {
            return;
        }
        var now = values();
        var same = FIELDS.every(function (name) { return now[name] === saved[name]; });
        try {
            if (same) {
                store.removeItem(key);
            } else {
                now.at = new Date().toISOString();
                store.setItem(key, JSON.stringify(now));
            }
        } catch (e) {
            // A full or refused storage keeps no draft; the form itself is unaffected.
        }
    }, 700);
    form.addEventListener('input', keep);
    form.addEventListener('submit', keep.now);

    (function offerDraft() {
        var store = storage();
        var kept = null;
        try {
            kept = store && JSON.parse(store.getItem(key) || 'null');
        } catch (e) {
            kept = null;
        }
        if (!kept || FIELDS.every(function (name) { return (kept[name] || '') === saved[name]; })) {
            return;
        }
        var offer = element('div', {'class': 'notice draft-offer'});
        var when = new Date(kept.at);
        offer.appendChild(element('p', {}, t.draftfound + ' ' + (isNaN(when) ? '' : when.toLocaleString(document.documentElement.lang)) + '.'));
        var restore = element('button', {type: 'button'}, t.restore);
        var discard = element('button', {type: 'button', 'class': 'secondary'}, t.discard);
        offer.appendChild(restore);
        offer.appendChild(discard);
        form.parentNode.insertBefore(offer, form);
        restore.addEventListener('click', function () {
            FIELDS.forEach(function (name) {
                if (form.elements[name] && typeof kept[name] === 'string') {
                    form.elements[name].value = kept[name];
                }
            });
            offer.remove();
            say(t.restored);
            changed();
            body.focus();
        });
        discard.addEventListener('click', function () {
            try {
                store.removeItem(key);
            } catch (e) {
                // nothing kept, nothing to remove
            }
            offer.remove();
            say(t.discarded);
            body.focus();
        });
    })();

    /* The live preview: the preview route's page, shown in a frame that may not run script. */
    (function livePreview() {
        var button = form.querySelector('button[formaction$="/preview"]');
        if (!button) {
            return;
        }
        var section = element('section', {'class': 'live-preview', 'aria-labelledby': 'live-preview-h'});
        section.appendChild(element('h2', {id: 'live-preview-h'}, t.livepreview));
        var frame = element('iframe', {sandbox: 'allow-same-origin', title: t.previewtitle, id: 'live-preview'});
        section.appendChild(frame);
        // Last on the page: the preview's own links come after everything of the editor in the tab order.
        (form.closest('main') || document.body).appendChild(section);
        var sent = 0;
        var styles = [];
        // The theme's inline style is allowed on the site by its hash, not here: it is given to the frame's document
        // as a constructed stylesheet, which the policy does not govern, so the preview looks as the site will.
        frame.addEventListener('load', function () {
            try {
                var win = frame.contentWindow;
                var sheets = styles.map(function (css) {
                    var sheet = new win.CSSStyleSheet();
                    sheet.replaceSync(css);
                    return sheet;
                });
                frame.contentDocument.adoptedStyleSheets = sheets;
            } catch (e) {
                // An older browser shows the preview without the theme's style.
            }
        });
        var update = debounce(function () {
            var number = ++sent;
            fetch(button.getAttribute('formaction'), {
                method: 'POST', credentials: 'same-origin', headers: {'Accept': 'text/html'},
                body: new URLSearchParams(new FormData(form))
            }).then(function (response) {
                return response.text().then(function (html) {
                    if (number !== sent) {
                        return;
                    }
                    var parsed = new DOMParser().parseFromString(html, 'text/html');
                    styles = Array.prototype.map.call(parsed.querySelectorAll('style'), function (s) { return s.textContent; });
                    frame.srcdoc = html;
                });
            }).catch(function (error) {
                if (number === sent) {
                    say(t.previewfailed + ' ' + error.message);
                }
            });
        }, 600);
        form.addEventListener('input', update);
        update.now();
    })();

    /* The doc: link picker: results without leaving the page, and a button that puts a reference at the cursor. */
    (function linkPicker() {
        var found = document.getElementById('doc-links-found');
        var search = found && found.parentNode.querySelector('form[role="search"]');
        if (!search) {
            return;
        }
        var cursor = {start: body.selectionStart, end: body.selectionEnd};
        ['select', 'keyup', 'mouseup', 'input', 'blur'].forEach(function (type) {
            body.addEventListener(type, function () { cursor = {start: body.selectionStart, end: body.selectionEnd}; });
        });

        function addButtons() {
            Array.prototype.forEach.call(found.querySelectorAll('code.ref'), function (code) {
                var title = code.parentNode.querySelector('span');
                var insert = element('button', {type: 'button', 'class': 'secondary',
                    'aria-label': t.insert + ': ' + (title ? title.textContent : code.textContent)}, t.insert);
                insert.addEventListener('click', function () {
                    body.focus();
                    body.setSelectionRange(cursor.start, cursor.end);
                    replaceSelection(code.textContent, code.textContent.length, code.textContent.length);
                    cursor = {start: body.selectionStart, end: body.selectionEnd};
                    say(t.inserted + ' ' + code.textContent);
                });
                code.parentNode.appendChild(document.createTextNode(' '));
                code.parentNode.appendChild(insert);
            });
        }

        search.addEventListener('submit', function (event) {
            event.preventDefault();
            var url = search.getAttribute('action').replace(/#.*$/, '') + '?' + new URLSearchParams(new FormData(search));
            fetch(url, {credentials: 'same-origin', headers: {'Accept': 'text/html'}}).then(function (response) {
                return response.text();
            }).then(function (html) {
                var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('doc-links-found');
                if (fresh) {
                    found.replaceChildren.apply(found, Array.prototype.map.call(fresh.childNodes,
                        function (node) { return document.importNode(node, true); }));
                    addButtons();
                }
            }).catch(function (error) {
                say(error.message);
            });
        });
        addButtons();
    })();
})();
