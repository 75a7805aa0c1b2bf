/* The static explorer's page script (one copy per site).
 *
 * Each figure carries every reachable slider combination as a plotly frame named by the slider positions
 * ("3,10,0"); layout.meta.workbook gives the default positions and the pair of sliders that combine. The
 * sliders themselves do nothing ("skip" steps): on every move by the reader this script picks the frame of the
 * positions the sliders now show. When that combination was not precomputed it first puts the other sliders
 * back to their defaults (keeping the moved slider, and its partner when the two form the pair), so the values
 * the sliders show are always the state drawn. The drawn state is written to the figure's data-state attribute,
 * and the state's read-out sentence (layout.meta.readout, carried by each frame) to the figure's read-out.
 *
 * plotly.js has no media queries, so the script also fits each figure to its width, on drawing and whenever the
 * width changes: slider labels and axis titles too long for the width wrap onto more lines, the sliders move
 * down to make room, and the figure grows so that the plot keeps its height however many rows the legend
 * takes. data-fitted holds the width the figure was last fitted to.
 */
(function () {
  "use strict";

  var SLIDER_FONT = 13, AXIS_FONT = 14, LINE = 1.3;  // plotly's line spacing

  function positions(gd) {
    return gd.layout.sliders.map(function (s) { return s.active; });
  }

  function key(p) { return p.join(","); }

  function keepOnly(now, defaults, keep) {
    return now.map(function (v, i) { return keep.indexOf(i) >= 0 ? v : defaults[i]; });
  }

  function target(gd, moved) {
    var meta = gd.layout.meta.workbook, now = positions(gd);
    var keep = meta.pair && meta.pair.indexOf(moved) >= 0 ? meta.pair.slice() : [moved];
    var tries = [now, keepOnly(now, meta.defaults, keep), keepOnly(now, meta.defaults, [moved])];
    for (var i = 0; i < tries.length; i++) {
      if (gd._workbookFrames[key(tries[i])]) { return tries[i]; }
    }
    return meta.defaults.slice();
  }

  function showReadout(gd) {
    var figure = gd.closest("figure");
    var readout = figure && figure.querySelector(".explorer-readout");
    if (readout && gd.layout.meta.readout) { readout.textContent = gd.layout.meta.readout; }
  }

  function showState(gd, moved) {
    var goal = target(gd, moved), now = positions(gd), update = {};
    goal.forEach(function (v, i) { if (v !== now[i]) { update["sliders[" + i + "].active"] = v; } });
    var moveSliders = Object.keys(update).length ? Plotly.relayout(gd, update) : Promise.resolve();
    return moveSliders.then(function () {
      return Plotly.animate(gd, [key(goal)], {
        mode: "immediate", frame: {duration: 0, redraw: true}, transition: {duration: 0}
      });
    }).then(function () {
      showReadout(gd);
      gd.setAttribute("data-state", key(goal));
    });
  }

  function pump(gd) {
    if (gd._workbookBusy || gd._workbookPending === null) { return; }
    var moved = gd._workbookPending;
    gd._workbookPending = null;
    gd._workbookBusy = true;
    gd.setAttribute("data-busy", "1");
    showState(gd, moved).catch(function (err) { console.error(err); }).then(function () {
      gd._workbookBusy = false;
      if (gd._workbookPending === null) { gd.removeAttribute("data-busy"); }
      pump(gd);
    });
  }

  // --- fitting the figure to its width ---------------------------------------------------------------------
  var canvas = null;

  function textWidth(text, size) {
    canvas = canvas || document.createElement("canvas");
    var context = canvas.getContext("2d");
    context.font = size + "px Arial, Helvetica, sans-serif";
    return context.measureText(text).width;
  }

  // Greedy word wrap to `width` px; the last line also leaves `reserve` px free (for a slider's value).
  function wrap(text, size, width, reserve) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var longer = line ? line + " " + word : word;
      if (line && textWidth(longer, size) > width) { lines.push(line); line = word; } else { line = longer; }
    });
    if (line) { lines.push(line); }
    var last = lines.length - 1;
    if (reserve && last >= 0 && textWidth(lines[last], size) + reserve > width) {
      var words = lines.pop().split(" "), tail = [];
      while (words.length > 1 && textWidth(words.join(" "), size) + reserve > width) { tail.unshift(words.pop()); }
      lines.push(words.join(" "));
      if (tail.length) { lines.push(tail.join(" ")); }
    }
    return lines;
  }

  // Axis titles wrapped to their axis, and a smaller legend on a phone: these change the margins, so they come
  // first. Returns how many px the wrapped titles of the bottom x axes add above the first slider.
  function fitTitles(gd, geo, width, update) {
    var full = gd._fullLayout, below = 0;
    Object.keys(geo.axisTitles || {}).forEach(function (name) {
      var axis = full[name];
      if (!axis || !axis._length) { return; }
      var lines = wrap(geo.axisTitles[name], AXIS_FONT, axis._length - 10, 0);
      update[name + ".title.text"] = lines.join("<br>");
      if (geo.bottomAxes.indexOf(name) >= 0) {
        below = Math.max(below, (lines.length - 1) * Math.ceil(AXIS_FONT * LINE));
      }
    });
    update["legend.font.size"] = width < 500 ? 12 : 14;
    return below;
  }

  // Sliders and legend across the figure's whole width (their x is in fractions of the plot, whose margins the
  // previous pass settled), slider labels wrapped, sliders stacked, and the height that keeps the plot's.
  function fitSliders(gd, geo, width, below, update) {
    var size = gd._fullLayout._size, room = width - 24;
    update["legend.x"] = -(size.l - 8) / size.w;
    var top = geo.axis + below;
    gd.layout.sliders.forEach(function (slider, i) {
      var value = Math.max.apply(null, slider.steps.map(function (s) { return textWidth(s.label, SLIDER_FONT); }));
      var lines = wrap(geo.labels[i] + ":", SLIDER_FONT, room, value + 8);
      update["sliders[" + i + "].x"] = -(size.l - 12) / size.w;
      update["sliders[" + i + "].lenmode"] = "pixels";
      update["sliders[" + i + "].len"] = room;
      update["sliders[" + i + "].currentvalue.prefix"] = lines.join("<br>") + " ";
      update["sliders[" + i + "].pad.t"] = top;
      top += geo.slider + (lines.length - 1) * Math.ceil(SLIDER_FONT * LINE);
    });
    var bottom = top + 35;
    // The legend's rows sit in the top margin, which plotly grows to hold them: add that to the height so the
    // plot itself keeps its designed height.
    var legend = gd.querySelector(".legend .bg");
    var above = Math.max(geo.top, legend ? Math.ceil(legend.getBoundingClientRect().height) + 6 : 0);
    update["margin.b"] = bottom;
    update.height = above + geo.plot + bottom;
    gd.style.height = update.height + "px";
  }

  // The figure takes the width it has (set explicitly: plotly's own autosize does not shrink a figure whose
  // height is set), and the explorer's phone layout below its narrow width (e.g. side-by-side panels stacked).
  // Sliders and legend go back inside the plot's width first: placed for another width they would push plotly's
  // margins (and so the places computed from them) off. Returns the layout changes and whether the phone layout
  // applies; on the first drawing they go into the layout plotly draws first (no relayout needed).
  function widthUpdate(gd, layout, width) {
    var narrow = layout.meta.workbook.narrow, small = !!narrow && width < narrow.width, update = {width: width};
    update["legend.x"] = 0;
    layout.sliders.forEach(function (slider, i) {
      update["sliders[" + i + "].x"] = 0;
      update["sliders[" + i + "].lenmode"] = "fraction";
      update["sliders[" + i + "].len"] = 1;
    });
    if (narrow && gd._workbookNarrow !== small) {
      gd._workbookNarrow = small;
      Object.assign(update, small ? narrow.layout : narrow.restore);
    }
    return {update: update, small: small};
  }

  // A relayout attribute string ("xaxis.domain", "sliders[0].x") set on a layout object, as relayout sets it
  // (null: back to plotly's default, i.e. not set).
  function setAttr(layout, attr, value) {
    var parts = attr.replace(/\[(\d+)\]/g, ".$1").split("."), obj = layout, last = parts.pop();
    for (var i = 0; i < parts.length; i++) {
      if (obj[parts[i]] === undefined || obj[parts[i]] === null) {
        if (value === null) { return; }
        obj[parts[i]] = /^\d+$/.test(parts[i + 1] || last) ? [] : {};
      }
      obj = obj[parts[i]];
    }
    if (value === null) { delete obj[last]; } else { obj[last] = value; }
  }

  function fitWidth(gd, width) {
    var change = widthUpdate(gd, gd.layout, width);
    return Plotly.relayout(gd, change.update).then(function () { return change.small; });
  }

  // The current value of a relayout attribute in plotly's full layout (template and defaults included).
  function current(gd, attr) {
    var obj = gd._fullLayout, parts = attr.replace(/\[(\d+)\]/g, ".$1").split(".");
    for (var i = 0; i < parts.length && obj !== undefined && obj !== null; i++) { obj = obj[parts[i]]; }
    return obj;
  }

  // A relayout, unless it would change nothing.
  function relayoutIfChanged(gd, update) {
    var changed = Object.keys(update).some(function (k) { return current(gd, k) !== update[k]; });
    return changed ? Plotly.relayout(gd, update) : Promise.resolve();
  }

  // `drawnSmall` (first drawing only): the figure was drawn at this width already, with or without the phone
  // layout, so the width step is done.
  function fit(gd, drawnSmall) {
    var meta = gd.layout.meta.workbook, base = meta.geometry;
    var width = Math.round(gd.getBoundingClientRect().width), titles = {}, rest = {}, below = 0, geo = base;
    if (!base || !width) { return Promise.resolve(); }
    var widthDone = drawnSmall === undefined || gd._fullLayout.width !== width ? fitWidth(gd, width)
      : Promise.resolve(drawnSmall);
    return widthDone.then(function (small) {
      // On a phone, the narrow layout's plot height and axis titles; the rest of the geometry is the same.
      geo = small ? Object.assign({}, base, {plot: meta.narrow.plot, axisTitles: meta.narrow.axisTitles,
                                             bottomAxes: meta.narrow.bottomAxes}) : base;
      below = fitTitles(gd, geo, width, titles);
      gd._workbookBelow = below;
      return relayoutIfChanged(gd, titles);
    }).then(function () {
      fitSliders(gd, geo, width, below, rest);
      return Plotly.relayout(gd, rest);
    }).then(function () {
      // A margin that moved once more (the legend or a slider pushing it) would shift the sliders: place again.
      var again = {};
      fitSliders(gd, geo, width, below, again);
      var moved = Object.keys(again).some(function (k) { return Math.abs(again[k] - rest[k]) > 0.5; });
      return moved ? Plotly.relayout(gd, again) : null;
    }).then(function () { gd.setAttribute("data-fitted", String(width)); });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      document.querySelectorAll(".js-plotly-plot[data-fitted]:not([data-print])").forEach(function (gd) {
        if (String(Math.round(gd.getBoundingClientRect().width)) !== gd.getAttribute("data-fitted")) {
          gd.removeAttribute("data-fitted");
          fit(gd).catch(function (err) { console.error(err); });
        }
      });
    }, 200);
  });

  function draw(gd, fig) {
    // Drawn at once at the width the figure has (and in the phone layout on a phone): fitting then starts from
    // the titles, one relayout fewer.
    var width = Math.round(gd.getBoundingClientRect().width), first = null;
    if (width && fig.layout.meta && fig.layout.meta.workbook && fig.layout.meta.workbook.geometry) {
      first = widthUpdate(gd, fig.layout, width);
      Object.keys(first.update).forEach(function (attr) { setAttr(fig.layout, attr, first.update[attr]); });
    }
    return Plotly.newPlot(gd, fig.data, fig.layout, fig.config).then(function () {
      return fit(gd, first ? first.small : undefined);
    }).then(function () {
      if (!fig.frames.length) { return null; }
      gd._workbookFrames = {};
      fig.frames.forEach(function (f) { gd._workbookFrames[f.name] = true; });
      gd._workbookPending = null;
      gd.setAttribute("data-state", key(positions(gd)));
      gd.on("plotly_sliderchange", function (event) {
        if (event.interaction === false) { return; }  // our own relayout, not the reader
        var names = gd.layout.sliders.map(function (s) { return s.name; });
        gd._workbookPending = names.indexOf(event.slider.name);
        gd.setAttribute("data-busy", "1");
        pump(gd);
      });
      return Plotly.addFrames(gd, fig.frames);
    });
  }

  // For paper (`make pdf` calls WorkbookExplorer.forPrint() before printing): the figure back at its default
  // state, its sliders removed and the space they took given back, so that the figure is as tall as its plot
  // and axis titles. The read-out then describes the default state, as the printed caption and table expect.
  function forPrint(gd) {
    var meta = gd.layout && gd.layout.meta && gd.layout.meta.workbook;
    if (!meta) { return Promise.resolve(); }
    var home = key(meta.defaults), start = Promise.resolve();
    if (gd._workbookFrames && gd.getAttribute("data-state") !== home) {
      var update = {};
      meta.defaults.forEach(function (v, i) { update["sliders[" + i + "].active"] = v; });
      start = Plotly.relayout(gd, update).then(function () {
        return Plotly.animate(gd, [home], {mode: "immediate", frame: {duration: 0, redraw: true},
                                           transition: {duration: 0}});
      }).then(function () { showReadout(gd); gd.setAttribute("data-state", home); });
    }
    return start.then(function () {
      var geo = meta.geometry, before = gd._fullLayout.margin.b;
      var bottom = geo ? geo.axis + (gd._workbookBelow || 0) + 10 : before;
      // The plot area a little shorter than on screen (85 %): a figure then shares its page with the text
      // around it instead of leaving half a page blank before it; margins, legend and axis titles keep their size.
      var full = (gd.layout.height || gd._fullLayout.height) - (before - bottom), frame = gd._fullLayout.margin;
      var height = Math.round(full - 0.15 * (full - frame.t - bottom));
      gd.style.height = height + "px";
      gd.setAttribute("data-print", "1");
      return Plotly.relayout(gd, {sliders: [], "margin.b": bottom, height: height});
    });
  }

  // The promises of every figure drawn on this page: scripts the figures do not need wait for them.
  window.WorkbookFiguresDrawn = window.WorkbookFiguresDrawn || [];
  window.WorkbookExplorer = {
    fit: fit,
    forPrint: function () {
      return Promise.all(window.WorkbookFiguresDrawn).then(function () {
        var figures = document.querySelectorAll(".workbook-explorer .js-plotly-plot");
        return Promise.all(Array.prototype.map.call(figures, forPrint));
      });
    },
    draw: function (gd, fig) {
      var drawn = draw(gd, fig);
      window.WorkbookFiguresDrawn.push(drawn);
      return drawn;
    }
  };
})();
