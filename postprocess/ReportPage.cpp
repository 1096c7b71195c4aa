#include "postprocess/ReportPage.hpp"

#include "common/AtomicFile.hpp"
#include "postprocess/PostError.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace drafting::post {

namespace {

// Kept inline so the page needs nothing beside itself. Tables scroll inside their own box so
// that the sticky header has a scroll container; print lifts both.
const char* kStyle = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.meta { color: #59636e; margin: 0 0 .75rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; background: #f6f8fa;
  padding: 0 .25rem; border-radius: 3px; }
p.fidelity { border-left: 4px solid #0969da; background: #ddf4ff; padding: .5rem .8rem; margin: .75rem 0; }
p.fidelity.low { border-left-color: #bf8700; background: #fff8c5; }
dl.summary { display: flex; flex-wrap: wrap; gap: .5rem; margin: .75rem 0; }
dl.summary div { border: 1px solid #d0d7de; border-radius: 6px; padding: .3rem .8rem; background: #f6f8fa; }
dl.summary dt { font-size: .8rem; color: #59636e; }
dl.summary dd { margin: 0; font-weight: 600; }
dl.summary div.bad { border-color: #cf222e; background: #ffebe9; }
dl.summary div.bad dd, dl.summary div.bad a { color: #a40e26; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .15rem 1rem; margin: .5rem 0; }
dl.facts dt { color: #59636e; }
dl.facts dd { margin: 0; }
p.how { background: #f6f8fa; border-left: 4px solid #0969da; padding: .5rem .8rem; margin: 1rem 0; }
nav.toc { margin: 1rem 0; padding: .5rem .8rem; border: 1px solid #d0d7de; border-radius: 6px; }
nav.toc ol { margin: .25rem 0 0; padding-left: 1.4rem; columns: 2; }
nav.toc a { color: #0969da; }
.table-wrap { max-height: 70vh; overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; margin: .5rem 0 1rem;
  width: fit-content; min-width: min(100%, 30rem); max-width: 100%; }
.table-wrap.kv { width: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: .3rem .5rem; text-align: left; vertical-align: top; border-bottom: 1px solid #eaeef2; }
thead th { position: sticky; top: 0; z-index: 1; background: #eaeef2; vertical-align: bottom;
  box-shadow: inset 0 -1px 0 #d0d7de; }
tbody td:first-child { white-space: nowrap; }
tbody tr:nth-child(even) { background: #f9fafb; }
th.num, td.num { text-align: right; }
td.num { white-space: nowrap; }
td.none { color: #8c959f; text-align: center; }
table.kv th { width: 30%; font-weight: normal; color: #59636e; position: static; background: none; box-shadow: none; }
section.failed h2 { color: #a40e26; border-bottom-color: #cf222e; }
section.failed .table-wrap { border-color: #cf222e; }
section.failed thead th { background: #ffebe9; }
section.warnings { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .1rem 1rem .4rem; }
section.warnings h2 { margin-top: .6rem; border-bottom-color: #d4a72c; color: #7d4e00; }
.missing { color: #a40e26; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
p.final { font-size: 1.1rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; border-radius: 4px; }
figcaption { color: #59636e; font-size: .92rem; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1rem; }
.gallery figure { margin: 0; }
ul.links .path { color: #59636e; font-size: .85rem; }
footer { margin-top: 3rem; color: #59636e; font-size: .85rem; }
@media print {
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  .table-wrap { max-height: none; overflow: visible; border: none; }
  thead th { position: static; }
  figure, tr, section.warnings { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
)css";

const char* kHowToRead =
    "A saving is the lead runner's drag reduction against running alone, saving = 100 \u00d7 (1 \u2212 drag_lead / "
    "drag_solo): 60 % means 60 % less drag. Failed cases have no number; they are listed on their own under "
    "Failed cases. Files linked from this page are relative to its folder.";

std::string esc(const std::string& s) { return ReportPage::escape(s); }

const json* objectPart(const json& model, const char* key) {
    if (!model.contains(key) || model.at(key).is_null()) return nullptr;
    if (!model.at(key).is_object()) throw PostError(std::string("report model: '") + key + "' must be an object");
    return &model.at(key);
}

const json* arrayPart(const json& model, const char* key) {
    if (!model.contains(key) || model.at(key).is_null()) return nullptr;
    if (!model.at(key).is_array()) throw PostError(std::string("report model: '") + key + "' must be an array");
    return &model.at(key);
}

std::string stringAt(const json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || j.at(key).is_null()) return "";
    return j.at(key).is_string() ? j.at(key).get<std::string>() : j.at(key).dump();
}

std::string number(double v, std::optional<int> digits) {
    char buf[64];
    if (digits) {
        std::snprintf(buf, sizeof(buf), "%.*f", std::clamp(*digits, 0, 12), v);
    } else if (std::abs(v) < 1e15 && v == std::floor(v)) {
        std::snprintf(buf, sizeof(buf), "%.0f", v);
    } else {
        std::snprintf(buf, sizeof(buf), "%.6g", v);
    }
    return buf;
}

// The plain text of any JSON value, unescaped; null is empty.
std::string plain(const json& v, std::optional<int> digits = std::nullopt) {
    switch (v.type()) {
        case json::value_t::null: return "";
        case json::value_t::string: return v.get<std::string>();
        case json::value_t::boolean: return v.get<bool>() ? "yes" : "no";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return number(v.get<double>(), digits);
        case json::value_t::array: {
            std::string out;
            for (const auto& e : v) out += (out.empty() ? "" : ", ") + plain(e, digits);
            return out;
        }
        default: return v.dump();
    }
}

std::string base64(const std::string& bytes) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
        out += abc[(n >> 18) & 63];
        out += abc[(n >> 12) & 63];
        out += abc[(n >> 6) & 63];
        out += abc[n & 63];
    }
    if (i < bytes.size()) {
        unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += abc[(n >> 18) & 63];
        out += abc[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? abc[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string mimeType(const std::string& path) {
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".gif") return "image/gif";
    if (ext == ".webp") return "image/webp";
    // An SVG goes in as an image too, not inline: its scripts never run and its ids cannot clash.
    if (ext == ".svg") return "image/svg+xml";
    return "";
}

// An <img> with the file embedded, or a visible note: the page must never show a broken image.
std::string image(const std::string& outDir, const std::string& path, const std::string& alt) {
    if (path.empty()) return "<p class=\"missing\">missing: (no path given)</p>\n";
    const fs::path file = fs::path(outDir) / path;
    const std::string mime = mimeType(path);
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return "<p class=\"missing\">missing: " + esc(path) + "</p>\n";
    if (mime.empty()) return "<p class=\"missing\">not an image: " + esc(path) + "</p>\n";
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return "<p class=\"missing\">unreadable: " + esc(path) + "</p>\n";
    if (bytes.empty()) return "<p class=\"missing\">missing: " + esc(path) + " (empty file)</p>\n";
    return "<img src=\"data:" + mime + ";base64," + base64(bytes) + "\" alt=\"" + esc(alt) + "\">\n";
}

// Relative links (and http, https, file) are kept; another scheme (javascript:, data:) is not a link.
bool safeHref(const std::string& href) {
    const auto colon = href.find(':');
    if (colon == std::string::npos || href.find_first_of("/?#") < colon) return true;
    std::string scheme = href.substr(0, colon);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    return scheme == "http" || scheme == "https" || scheme == "file";
}

bool relativeLocal(const std::string& href) {
    return href.find(':') == std::string::npos && !href.empty() && href[0] != '/' && href[0] != '#';
}

// Times ("3:59.1") and numbers written as text line up like numbers.
bool looksNumeric(const json& v) {
    if (v.is_number()) return true;
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) return false;
    const std::string& s = v.get_ref<const std::string&>();
    const std::size_t start = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    return start < s.size() && std::isdigit(static_cast<unsigned char>(s[start])) &&
           s.find_first_not_of("0123456789:.", start) == std::string::npos;
}

struct Column {
    std::string key, title;
    std::optional<int> digits;
    bool numeric = false;
};

// A table from {columns, rows}. Without columns, the keys of the rows in order of appearance.
std::string table(const json& part, const std::string& name) {
    const json rows = part.contains("rows") && !part.at("rows").is_null() ? part.at("rows") : json::array();
    if (!rows.is_array()) throw PostError("report model: '" + name + ".rows' must be an array");
    for (const auto& r : rows)
        if (!r.is_object()) throw PostError("report model: every row of '" + name + "' must be an object");

    std::vector<Column> columns;
    if (part.contains("columns") && !part.at("columns").is_null()) {
        if (!part.at("columns").is_array()) throw PostError("report model: '" + name + ".columns' must be an array");
        for (const auto& c : part.at("columns")) {
            if (!c.is_object() || !c.contains("key") || !c.at("key").is_string())
                throw PostError("report model: every column of '" + name + "' needs a string 'key'");
            Column col{c.at("key").get<std::string>(), stringAt(c, "title"), std::nullopt, false};
            if (col.title.empty()) col.title = col.key;
            if (c.contains("digits") && c.at("digits").is_number()) col.digits = c.at("digits").get<int>();
            columns.push_back(col);
        }
    } else {
        std::set<std::string> seen;
        for (const auto& r : rows)
            for (const auto& [k, v] : r.items())
                if (seen.insert(k).second) columns.push_back({k, k, std::nullopt, false});
    }
    if (rows.empty()) return "<p>none</p>\n";
    // A column is numeric when every value it has looks like a number (or it has digits).
    for (auto& col : columns) {
        bool any = false, all = true;
        for (const auto& r : rows) {
            if (!r.contains(col.key) || r.at(col.key).is_null()) continue;
            any = true;
            all = all && looksNumeric(r.at(col.key));
        }
        col.numeric = col.digits.has_value() || (any && all);
    }

    std::ostringstream out;
    out << "<div class=\"table-wrap\"><table>\n<thead><tr>";
    for (const auto& col : columns)
        out << "<th scope=\"col\"" << (col.numeric ? " class=\"num\"" : "") << ">" << esc(col.title) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& r : rows) {
        out << "<tr>";
        for (const auto& col : columns) {
            const json v = r.contains(col.key) ? r.at(col.key) : json();
            const std::string text = plain(v, col.digits);
            if (text.empty())
                out << "<td class=\"none\">\u2013</td>";
            else
                out << "<td" << (col.numeric && looksNumeric(v) ? " class=\"num\"" : "") << ">" << esc(text) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody></table></div>\n";
    return out.str();
}

// Config values under their dotted key ("mesh.level"), nested sections flattened.
void flatten(const json& j, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
    for (const auto& [k, v] : j.items()) {
        const std::string key = prefix.empty() ? k : prefix + "." + k;
        if (v.is_object())
            flatten(v, key, out);
        else
            out.emplace_back(key, plain(v));
    }
}

std::string keyValueTable(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::ostringstream out;
    out << "<div class=\"table-wrap kv\"><table class=\"kv\"><tbody>\n";
    for (const auto& [k, v] : entries)
        out << "<tr><th scope=\"row\"><code>" << esc(k) << "</code></th><td>" << esc(v) << "</td></tr>\n";
    out << "</tbody></table></div>\n";
    return out.str();
}

struct Section {
    std::string id, heading, body, cssClass;
};

std::string renderSummary(const json& summary) {
    static const std::vector<std::pair<std::string, std::string>> known = {
        {"cases", "cases"}, {"ok", "ok"}, {"failed", "failed"}, {"solo_drag_N", "solo drag"},
        {"unconverged", "not converged"}};
    std::ostringstream out;
    out << "<dl class=\"summary\">\n";
    auto item = [&](const std::string& key, const std::string& label) {
        if (!summary.contains(key) || summary.at(key).is_null()) return;
        const json& v = summary.at(key);
        std::string text = plain(v);
        if (key == "solo_drag_N" && v.is_number()) {
            char buf[32];
            std::snprintf(buf, sizeof(buf), "%.4g N", v.get<double>());
            text = buf;
        }
        if (key == "unconverged" && text.empty()) text = "none";
        const bool bad = (key == "failed" && v.is_number() && v.get<double>() > 0) ||
                         (key == "unconverged" && v.is_array() && !v.empty());
        out << "<div" << (bad ? " class=\"bad\"" : "") << "><dt>" << esc(label) << "</dt><dd>";
        if (key == "failed" && bad)
            out << "<a href=\"#failed\">" << esc(text) << "</a>";
        else
            out << esc(text);
        out << "</dd></div>\n";
    };
    for (const auto& [key, label] : known) item(key, label);
    for (const auto& [key, v] : summary.items()) {
        if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return k.first == key; })) {
            std::string label = key;
            std::replace(label.begin(), label.end(), '_', ' ');
            item(key, label);
        }
    }
    out << "</dl>\n";
    return out.str();
}

std::string renderFit(const json& fit, const std::string& name) {
    std::ostringstream out;
    if (const auto model = stringAt(fit, "model"); !model.empty()) out << "<p>" << esc(model) << "</p>\n";
    if (const auto eq = stringAt(fit, "equation"); !eq.empty())
        out << "<p>Equation: <code>" << esc(eq) << "</code></p>\n";
    const json* curves = arrayPart(fit, "curves");
    if (!curves || curves->empty()) return out.str() + "<p>No curve fitted.</p>\n";
    // One column per parameter name, in order of first appearance across the curves.
    json columns = json::array({{{"key", "label"}, {"title", "Curve"}}});
    std::vector<std::string> params;
    bool status = false, note = false;
    for (const auto& c : *curves) {
        if (!c.is_object()) throw PostError("report model: every curve of '" + name + "' must be an object");
        if (c.contains("parameters") && c.at("parameters").is_object())
            for (const auto& [k, v] : c.at("parameters").items())
                if (std::find(params.begin(), params.end(), k) == params.end()) params.push_back(k);
        status = status || c.contains("status");
        note = note || c.contains("note");
    }
    json rows = json::array();
    for (const auto& c : *curves) {
        json row = {{"label", c.value("label", json())}, {"rmse_pct", c.value("rmse_pct", json())},
                    {"points", c.value("points", json())}, {"status", c.value("status", json())},
                    {"note", c.value("note", json())}};
        for (const auto& p : params)
            row["p:" + p] = c.contains("parameters") && c.at("parameters").is_object()
                                ? c.at("parameters").value(p, json())
                                : json();
        rows.push_back(row);
    }
    for (const auto& p : params) columns.push_back({{"key", "p:" + p}, {"title", p}});
    columns.push_back({{"key", "rmse_pct"}, {"title", "RMSE [%]"}, {"digits", 2}});
    columns.push_back({{"key", "points"}, {"title", "Points"}});
    if (status) columns.push_back({{"key", "status"}, {"title", "Status"}});
    if (note) columns.push_back({{"key", "note"}, {"title", "Note"}});
    out << table({{"columns", columns}, {"rows", rows}}, name);
    return out.str();
}

// A part's "notes" as the list under its table ("" when it has none).
std::string notesList(const json& part) {
    const json* notes = arrayPart(part, "notes");
    if (!notes || notes->empty()) return "";
    std::string out = "<ul class=\"notes\">\n";
    for (const auto& n : *notes) out += "<li>" + esc(plain(n)) + "</li>\n";
    return out + "</ul>\n";
}

std::string facts(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out;
    for (const auto& [label, value] : entries)
        if (!value.empty()) out += "<dt>" + esc(label) + "</dt><dd>" + esc(value) + "</dd>";
    return out.empty() ? "" : "<dl class=\"facts\">" + out + "</dl>\n";
}

}  // namespace

std::string ReportPage::escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string ReportPage::render(const json& model, const std::string& outDir) {
    if (!model.is_object()) throw PostError("report model: must be a JSON object");
    if (!model.contains("title") || !model.at("title").is_string() || model.at("title").get<std::string>().empty())
        throw PostError("report model: needs a non-empty string 'title'");
    const std::string title = model.at("title").get<std::string>();

    std::vector<Section> sections;

    if (const json* w = arrayPart(model, "warnings"); w && !w->empty()) {
        std::string body = "<ul>\n";
        for (const auto& item : *w) body += "<li>" + esc(plain(item)) + "</li>\n";
        sections.push_back({"warnings", "Warnings", body + "</ul>\n", "warnings"});
    }
    if (const json* s = objectPart(model, "savings"); s && s->contains("rows") && !s->at("rows").empty()) {
        std::string body = table(*s, "savings");
        body += notesList(*s);
        sections.push_back({"savings", "Drag savings", body, ""});
    }
    // Failed cases stand apart from the savings: they have a reason, never a number.
    if (const json* f = arrayPart(model, "failed")) {
        std::string body;
        if (f->empty()) {
            body = "<p>none: every case finished.</p>\n";
        } else {
            body = "<p>These cases give no saving: a step failed, or the forces are non-physical (a runner pushed "
                   "forward, a Cd out of bounds). Each reason says which; none of them is in a table, fit or "
                   "mile time.</p>\n";
            json rows = json::array();
            for (const auto& item : *f) {
                if (!item.is_object()) throw PostError("report model: every entry of 'failed' must be an object");
                rows.push_back(item);
            }
            body += table({{"columns", json::array({{{"key", "case"}, {"title", "Case"}},
                                                   {{"key", "reason"}, {"title", "Reason"}}})},
                           {"rows", rows}},
                          "failed");
        }
        sections.push_back({"failed", "Failed cases", body, "failed"});
    }
    if (const json* figs = arrayPart(model, "figures"); figs && !figs->empty()) {
        std::string body;
        for (const auto& fig : *figs) {
            const std::string figTitle = stringAt(fig, "title"), caption = stringAt(fig, "caption");
            body += "<figure>\n" + image(outDir, stringAt(fig, "path"), figTitle.empty() ? caption : figTitle);
            if (!figTitle.empty() || !caption.empty()) {
                body += "<figcaption>";
                if (!figTitle.empty()) body += "<strong>" + esc(figTitle) + "</strong>" + (caption.empty() ? "" : ". ");
                body += esc(caption) + "</figcaption>\n";
            }
            body += "</figure>\n";
        }
        sections.push_back({"figures", "Figures", body, ""});
    }
    if (const json* fit = objectPart(model, "fit"); fit && !fit->empty()) {
        sections.push_back({"fit", "Fitted curves", renderFit(*fit, "fit"), ""});
    }
    if (const json* p = objectPart(model, "pacing"); p && !p->empty()) {
        std::string body = facts({{"Athlete", stringAt(*p, "athlete")}, {"Baseline time", stringAt(*p, "baseline_time")}});
        if (p->contains("rows") || p->contains("columns")) body += table(*p, "pacing");
        body += notesList(*p);
        sections.push_back({"pacing", "Pacing: what the shelter is worth", body, ""});
    }
    // Tables over several sweeps: their title, the sweeps they read, the table and its notes.
    for (const auto& [key, heading] : {std::pair<const char*, const char*>{"comparison", "Beside other sweeps"},
                                       {"stride", "Over the stride"}}) {
        const json* part = objectPart(model, key);
        if (!part || part->empty()) continue;
        std::string body;
        if (const auto t = stringAt(*part, "title"); !t.empty()) body += "<h3>" + esc(t) + "</h3>\n";
        if (const json* sweeps = arrayPart(*part, "sweeps"); sweeps && !sweeps->empty()) {
            body += "<ul>\n";
            for (const auto& s : *sweeps) body += "<li>" + esc(plain(s)) + "</li>\n";
            body += "</ul>\n";
        }
        if (part->contains("rows") || part->contains("columns")) body += table(*part, key);
        body += notesList(*part);
        sections.push_back({key, heading, body, ""});
    }
    if (const json* r = objectPart(model, "race"); r && !r->empty()) {
        std::string body;
        if (const auto t = stringAt(*r, "title"); !t.empty()) body += "<h3>" + esc(t) + "</h3>\n";
        if (r->contains("rows") || r->contains("columns")) body += table(*r, "race");
        if (const auto t = stringAt(*r, "final_time"); !t.empty())
            body += "<p class=\"final\">Final time: <strong>" + esc(t) + "</strong></p>\n";
        sections.push_back({"race", "Race replay", body, ""});
    }
    if (const json* flow = arrayPart(model, "flow_images"); flow && !flow->empty()) {
        std::string body = "<div class=\"gallery\">\n";
        for (const auto& item : *flow) {
            const std::string name = stringAt(item, "case");
            body += "<figure>\n" + image(outDir, stringAt(item, "path"), name) + "<figcaption>" + esc(name) +
                    "</figcaption>\n</figure>\n";
        }
        sections.push_back({"flow", "Flow fields", body + "</div>\n", ""});
    }
    if (const json* links = arrayPart(model, "links"); links && !links->empty()) {
        std::string body = "<ul class=\"links\">\n";
        for (const auto& l : *links) {
            const std::string href = stringAt(l, "href");
            std::string text = stringAt(l, "title");
            if (text.empty()) text = href;
            std::error_code ec;
            if (href.empty() || !safeHref(href)) {
                body += "<li>" + esc(text) + " <span class=\"path\">" + esc(href) + "</span></li>\n";
            } else {
                body += "<li><a href=\"" + esc(href) + "\">" + esc(text) + "</a> <span class=\"path\">" + esc(href) +
                        "</span>";
                if (relativeLocal(href) && !fs::exists(fs::path(outDir) / href, ec))
                    body += " <span class=\"missing\">(not found)</span>";
                body += "</li>\n";
            }
        }
        sections.push_back({"links", "Files", body + "</ul>\n", ""});
    }
    if (const json* cfg = objectPart(model, "config"); cfg && !cfg->empty()) {
        std::vector<std::pair<std::string, std::string>> top;
        std::string nested;
        for (const auto& [k, v] : cfg->items()) {
            if (!v.is_object()) {
                top.emplace_back(k, plain(v));
                continue;
            }
            std::vector<std::pair<std::string, std::string>> entries;
            flatten(v, "", entries);
            if (!entries.empty()) nested += "<h3>[" + esc(k) + "]</h3>\n" + keyValueTable(entries);
        }
        sections.push_back({"config", "Configuration", (top.empty() ? "" : keyValueTable(top)) + nested, ""});
    }

    std::ostringstream page;
    page << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>" << esc(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n";

    page << "<header id=\"summary\">\n<h1>" << esc(title) << "</h1>\n";
    std::vector<std::string> meta;
    if (const auto d = stringAt(model, "sweep_dir"); !d.empty()) meta.push_back("Sweep <code>" + esc(d) + "</code>");
    if (const auto t = stringAt(model, "generated_utc"); !t.empty()) meta.push_back("generated " + esc(t));
    if (const auto v = stringAt(model, "tool_version"); !v.empty()) meta.push_back("written by " + esc(v));
    if (!meta.empty()) {
        page << "<p class=\"meta\">";
        for (std::size_t i = 0; i < meta.size(); ++i) page << (i ? " \u00b7 " : "") << meta[i];
        page << "</p>\n";
    }
    if (const auto by = stringAt(model, "cases_made_by"); !by.empty()) {
        page << "<p class=\"meta\">Cases generated by " << esc(by);
        if (const auto c = stringAt(model, "cases_command"); !c.empty()) page << ": <code>" << esc(c) << "</code>";
        page << "</p>\n";
    }
    if (const json* f = objectPart(model, "fidelity"); f && !stringAt(*f, "text").empty()) {
        // The model's worth comes before any number: amber for what is qualitative or unknown.
        const std::string kind = stringAt(*f, "kind");
        page << "<p class=\"fidelity" << (kind == "3d" ? "" : " low") << "\"><strong>What these numbers are worth.</strong> "
             << esc(stringAt(*f, "text")) << "</p>\n";
    }
    if (const json* s = objectPart(model, "summary"); s && !s->empty()) page << renderSummary(*s);
    page << "</header>\n";

    if (!sections.empty()) {
        const std::string how = model.contains("how_to_read") && model.at("how_to_read").is_string()
                                    ? model.at("how_to_read").get<std::string>()
                                    : kHowToRead;
        page << "<p class=\"how\"><strong>How to read this.</strong> " << esc(how) << "</p>\n";
        page << "<nav class=\"toc\" aria-label=\"Contents\"><strong>Contents</strong>\n<ol>\n";
        for (const auto& s : sections) page << "<li><a href=\"#" << s.id << "\">" << esc(s.heading) << "</a></li>\n";
        page << "</ol>\n</nav>\n";
    }
    for (const auto& s : sections) {
        page << "\n<section id=\"" << s.id << "\"" << (s.cssClass.empty() ? "" : " class=\"" + s.cssClass + "\"")
             << ">\n<h2>" << esc(s.heading) << "</h2>\n"
             << s.body << "</section>\n";
    }
    page << "\n<footer>Written by draft-post. This page is self-contained: it loads nothing from elsewhere.</footer>\n"
         << "</main>\n</body>\n</html>\n";
    return page.str();
}

void ReportPage::write(const json& model, const std::string& outDir, const std::string& fileName) {
    const std::string html = render(model, outDir);  // a model that cannot be rendered writes nothing
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) throw PostError("cannot create " + outDir + ": " + ec.message());
    const fs::path path = fs::path(outDir) / fileName;
    try {
        common::AtomicFile::write(path.string(), html);  // never through a link, never half a page
    } catch (const std::system_error& e) {
        throw PostError(e.what());
    }
}

}  // namespace drafting::post
