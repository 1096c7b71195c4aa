#pragma once
#include <optional>
#include <string>

namespace drafting::cases::slurm {

/// The rules for every string handed to Slurm: written into a job script (where `#SBATCH` lines
/// are not shell-parsed, so no quoting protects them, and a newline starts a new command) or passed
/// to squeue/scontrol. One rule per kind of value; each check returns the value when it passes and
/// otherwise throws common::InputError "FIELD = 'VALUE': what to use", the value through common::Printable::quote.
class SlurmValue {
public:
    /// Partitions, accounts, job names (the sweep's): letters, digits, '_', '-', '.', starting with a
    /// letter or digit, at most 64, no ".." (the common::SafeName rule).
    static const std::string& name(const std::string& field, const std::string& value);

    /// `module load` arguments: '/'-separated parts, each starting with a letter or digit, then
    /// letters, digits and '_ . + -'; at most 128, no "..". So never an option ("--help") or a word
    /// the shell would expand.
    static const std::string& module(const std::string& field, const std::string& value);

    /// Slurm's --time formats (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS). Every field but the
    /// first stays below its unit (minutes, seconds < 60; hours < 24 after days); the limit is at
    /// least 1 s (0 would mean "no limit") and at most kMaxTimeDays days.
    static const std::string& timeLimit(const std::string& field, const std::string& value);
    /// The limit in seconds, or nothing when `value` is not a valid limit.
    static std::optional<long long> timeLimitSeconds(const std::string& value);

    /// Absolute paths written unquoted into scripts: '/' then letters, digits and '_ . / + -', at most
    /// 4096 characters.
    static const std::string& path(const std::string& field, const std::string& value);

    /// Job ids given to squeue/scontrol and recorded in jobs.json: 1 to 10 decimal digits, no leading
    /// zero, below 2^32 (Slurm's job ids are 32-bit).
    static const std::string& jobId(const std::string& field, const std::string& value);
    static bool isJobId(const std::string& value);

    static constexpr long long kMaxTimeDays = 365;
};

}  // namespace drafting::cases::slurm
