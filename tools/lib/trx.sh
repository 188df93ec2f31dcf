# shellcheck shell=bash
# Adds up the <Counters .../> of every .trx (VSTest) file under a directory.
# Sourced, not run.
#
#   trx_sum DIR   sets TRX_FILES, TRX_PASSED, TRX_FAILED, TRX_SKIPPED
#
# failed  = failed + error + timeout + aborted
# skipped = the <UnitTestResult>s whose outcome is NotExecuted, Inconclusive or
#           NotRunnable (NUnit's Ignore and Assert.Ignore are written as
#           outcome="NotExecuted", but the Counters' notExecuted stays 0), or the
#           Counters' notExecuted + inconclusive + notRunnable if that is more

# Sets _TRX_N to the numeric attribute $2 of the element text $1, or 0.
_trx_attr() {
    local re="[[:space:]]$2=\"([0-9]+)\""
    if [[ $1 =~ $re ]]; then
        _TRX_N=$((10#${BASH_REMATCH[1]}))
    else
        _TRX_N=0
    fi
}

trx_sum() {
    local dir=$1 file counters a skipped_results skipped_counters
    TRX_FILES=0 TRX_PASSED=0 TRX_FAILED=0 TRX_SKIPPED=0
    [[ -d $dir ]] || return 0
    while IFS= read -r -d '' file; do
        counters=$(grep -o '<Counters [^>]*>' -- "$file" | head -n 1) || counters=""
        if [[ -z $counters ]]; then
            echo "warning: no <Counters> in $file (test run cut short?)" >&2
            continue
        fi
        TRX_FILES=$((TRX_FILES + 1))
        _trx_attr "$counters" passed
        TRX_PASSED=$((TRX_PASSED + _TRX_N))
        for a in failed error timeout aborted; do
            _trx_attr "$counters" "$a"
            TRX_FAILED=$((TRX_FAILED + _TRX_N))
        done
        skipped_counters=0
        for a in notExecuted inconclusive notRunnable; do
            _trx_attr "$counters" "$a"
            skipped_counters=$((skipped_counters + _TRX_N))
        done
        skipped_results=$({ grep -oE '<UnitTestResult [^>]*outcome="(NotExecuted|Inconclusive|NotRunnable)"' -- "$file" || true; } | wc -l)
        if ((skipped_results > skipped_counters)); then
            TRX_SKIPPED=$((TRX_SKIPPED + skipped_results))
        else
            TRX_SKIPPED=$((TRX_SKIPPED + skipped_counters))
        fi
    done < <(find "$dir" -type f -name '*.trx' -print0)
}
