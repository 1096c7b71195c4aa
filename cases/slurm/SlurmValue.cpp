#include "cases/slurm/SlurmValue.hpp"

#include "common/Error.hpp"
#include "common/Printable.hpp"
#include "common/SafeName.hpp"

#include <regex>
#include <vector>

namespace drafting::cases::slurm {

namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& value, const std::string& why) {
    throw common::InputError(common::ErrorSite::of(field, value), why);
}

const char* const kTimeFormats = "use a Slurm time limit (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS)";

struct TimeParse {
    long long seconds = -1;  // -1: refused, `why` says why
    std::string why;
};

// Slurm reads "A:B" as minutes:seconds and "A:B:C" as hours:minutes:seconds, and "D-A[:B[:C]]" as
// days-hours[:minutes[:seconds]]. Only the first field may exceed its unit: Slurm itself would
// silently carry "1-99:99:99" over, which is never what was meant.
TimeParse parseTime(const std::string& value) {
    static const std::regex form(R"((?:([0-9]{1,4})-)?([0-9]{1,9})(?::([0-9]{1,2}))?(?::([0-9]{1,2}))?)");
    std::smatch m;
    if (value.size() > 24 || !std::regex_match(value, m, form)) return {-1, kTimeFormats};
    const bool days = m[1].matched;
    std::vector<long long> fields;  // after the days
    for (int i = 2; i <= 4; ++i)
        if (m[i].matched) fields.push_back(std::stoll(m[i].str()));
    if (days && m[2].length() > 2) return {-1, "hours after the days must be below 24"};

    long long d = days ? std::stoll(m[1].str()) : 0, h = 0, min = 0, s = 0;
    if (days) {
        h = fields[0];
        if (fields.size() > 1) min = fields[1];
        if (fields.size() > 2) s = fields[2];
        if (h >= 24) return {-1, "hours after the days must be below 24"};
    } else if (fields.size() == 1) {
        min = fields[0];
    } else if (fields.size() == 2) {
        min = fields[0];
        s = fields[1];
    } else {
        h = fields[0];
        min = fields[1];
        s = fields[2];
    }
    const bool minutesLead = !days && fields.size() <= 2;
    if (!minutesLead && min >= 60) return {-1, "minutes must be below 60"};
    if (s >= 60) return {-1, "seconds must be below 60"};
    const long long total = ((d * 24 + h) * 60 + min) * 60 + s;
    if (total == 0) return {-1, "a limit of 0 means none to Slurm; leave --time out for the partition's limit"};
    if (total > SlurmValue::kMaxTimeDays * 86400)
        return {-1, "more than " + std::to_string(SlurmValue::kMaxTimeDays) + " days"};
    return {total, ""};
}

}  // namespace

const std::string& SlurmValue::name(const std::string& field, const std::string& value) {
    if (!common::SafeName::isSafe(value))
        refuse(field, value, "use letters, digits, '_', '-', '.' (at most 64, starting with a letter or digit, no '..')");
    return value;
}

const std::string& SlurmValue::module(const std::string& field, const std::string& value) {
    static const std::regex part("[A-Za-z0-9][A-Za-z0-9_.+-]*(/[A-Za-z0-9][A-Za-z0-9_.+-]*)*");
    if (value.size() > 128 || !std::regex_match(value, part) || value.find("..") != std::string::npos)
        refuse(field, value,
               "use a module name: letters, digits and '_ . + -', parts separated by '/' each starting with a "
               "letter or digit (at most 128, no '..')");
    return value;
}

std::optional<long long> SlurmValue::timeLimitSeconds(const std::string& value) {
    const auto parsed = parseTime(value);
    if (parsed.seconds < 0) return std::nullopt;
    return parsed.seconds;
}

const std::string& SlurmValue::timeLimit(const std::string& field, const std::string& value) {
    const auto parsed = parseTime(value);
    if (parsed.seconds < 0) refuse(field, value, parsed.why);
    return value;
}

const std::string& SlurmValue::path(const std::string& field, const std::string& value) {
    static const std::regex safe("/[A-Za-z0-9_./+-]*");
    if (value.size() > 4096 || !std::regex_match(value, safe))
        refuse(field, value, "a Slurm job script needs an absolute path of letters, digits and '_ . / + -'");
    return value;
}

bool SlurmValue::isJobId(const std::string& value) {
    if (value.empty() || value.size() > 10 || value[0] == '0' ||
        value.find_first_not_of("0123456789") != std::string::npos)
        return false;
    return std::stoull(value) <= 0xFFFFFFFFull;
}

const std::string& SlurmValue::jobId(const std::string& field, const std::string& value) {
    if (!isJobId(value)) refuse(field, value, "not a Slurm job id (a number, 1 to 4294967295)");
    return value;
}

}  // namespace drafting::cases::slurm
