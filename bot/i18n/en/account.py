"""English: `/wan-account` (a member's quota, recent jobs, cancelling a waiting job) and period names."""

MESSAGES: dict[str, str] = {
    # Command and option descriptions (at most 100 characters).
    "cmd.wan-account": "Your Wan quota and jobs on this server",
    "cmd.wan-account.show": "How many quota seconds you have left and when they reset",
    "cmd.wan-account.jobs": "Your last 10 jobs here, with links to their status messages",
    "cmd.wan-account.cancel": "Cancel one of your jobs that is still waiting (refunds its quota)",
    "opt.account.job": "The waiting job to cancel",
    # Periods, also used by /wan-admin.
    "period.day": "day",
    "period.week": "week",
    "period.month": "month",
    # /wan-account show
    "account.title": "Your Wan quota on this server",
    "account.remaining": "Remaining",
    "account.remaining_value": "**{remaining}** of {limit} quota seconds ({used} used this period)",
    "account.unlimited_value": "**Unlimited**: you are exempt from the quota here ({used} quota seconds used "
    "this period)",
    "account.resets": "Resets",
    "account.resets_value": "<t:{reset}:R> (<t:{reset}:f>)",
    "account.period": "Period",
    "account.exempt": "Exempt",
    "account.yes": "yes",
    "account.no": "no",
    "account.budget": "Server budget",
    "account.budget_value": "{used} of {budget} quota seconds used by everyone this period ({left} left)",
    "account.no_budget": "none: only your own allowance applies",
    "account.waiting": "Waiting jobs",
    "account.waiting_value": "{count} (cancel one with `/wan-account cancel`)",
    "account.footer": "One quota second is one second of 720P video; higher resolutions and dearer models use "
    "more. Failed and cancelled jobs are refunded.",
    # /wan-account jobs
    "account.jobs_title": "Your last {count} jobs",
    "account.no_jobs": "You have not made any videos on this server yet.",
    "account.job_line": "**#{id}** {state} · `{model}` · {cost} · <t:{created}:R> · {link}",
    "account.no_link": "no status message",
    "account.cost_used": "{cost} quota seconds",
    "account.cost_reserved": "{cost} quota seconds reserved",
    "account.cost_refunded": "{cost} quota seconds refunded",
    "account.state.queued": "⏳ waiting in line",
    "account.state.submitting": "⏳ being handed to Wan",
    "account.state.pending": "⏳ waiting at Wan",
    "account.state.running": "🎬 being made",
    "account.state.submitted": "🎬 at Wan",
    "account.state.fetching": "📥 being uploaded",
    "account.state.delivering": "📥 being uploaded",
    "account.state.done": "✅ done",
    "account.state.failed": "❌ failed",
    "account.state.canceled": "🚫 cancelled",
    # /wan-account cancel
    "account.cancel_choice": "#{id} {model} · {state} · {prompt}",
    "account.cancel_not_yours": "Job #{id} is not one of your jobs on this server. "
    "Pick one of your waiting jobs from the list.",
    "account.cancel_finished": "Job #{id} has already ended ({state}); there is nothing to cancel.",
}
