"""Deterministic stand-ins for the AI models and outside systems the shipped processes call.

Every function takes the task's variables (a dict: name -> value) and returns an `Outcome`: the variables to
complete the task with, or a BPMN error. The same input always gives the same output (no clock, no randomness),
so a demo run can be replayed and a test can assert on the results. Each function says where the real model or API
call goes.

The topics and their inputs and outputs are documented in docs/processes.md.
"""

import hashlib
import logging
import os
import re
from dataclasses import dataclass, field

log = logging.getLogger("demo-worker")


@dataclass
class Outcome:
    """What a stand-in decided: complete with `variables`, or report the BPMN error `error_code`."""

    variables: dict = field(default_factory=dict)
    error_code: str | None = None
    error_message: str | None = None


def complete(**variables):
    return Outcome(variables=variables)


def bpmn_error(code, message, **variables):
    return Outcome(variables=variables, error_code=code, error_message=message)


def short_hash(*parts, length=8):
    """A stable identifier derived from the inputs (what a real system would hand out as an id)."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:length].upper()


def words(*texts):
    return set(re.findall(r"[a-z0-9']+", " ".join(t or "" for t in texts).lower()))


# ---------------------------------------------------------------------------------------------------------------
# support-inquiry
# ---------------------------------------------------------------------------------------------------------------

# Keyword triage: the first intent with a matching keyword wins (the table's order is the tie-break).
INTENT_KEYWORDS = [
    ("billing", {"invoice", "bill", "billing", "charge", "charged", "refund", "payment", "paid", "price"}),
    ("technical", {"error", "crash", "crashes", "bug", "broken", "login", "password", "outage", "down", "slow"}),
    ("shipping", {"delivery", "shipping", "shipped", "parcel", "package", "tracking", "arrived"}),
    ("account", {"account", "email", "address", "delete", "profile", "subscription", "cancel"}),
]
HIGH_PRIORITY = {"urgent", "asap", "immediately", "outage", "down", "critical", "lawyer", "emergency"}
LOW_PRIORITY = {"feedback", "suggestion", "idea", "thanks", "compliment", "wondering"}

# The knowledge base: articles per intent (a real deployment searches a document store or a vector index).
KNOWLEDGE_BASE = {
    "billing": [
        "KB-101 Refunds are issued to the original payment method within 5 business days.",
        "KB-102 A double charge is usually a pending authorisation that disappears within 48 hours.",
    ],
    "technical": [
        "KB-201 Reset your password at https://example.com/reset; the link is valid for 1 hour.",
        "KB-202 The status page https://status.example.com lists current incidents.",
    ],
    "shipping": [
        "KB-301 Parcels ship within 2 business days; the tracking number arrives by email.",
        "KB-302 A parcel that has not moved for 5 days is reported to the carrier by support.",
    ],
    "account": [
        "KB-401 The e-mail address of an account can be changed under Settings > Profile.",
        "KB-402 Cancelling a subscription keeps it active until the end of the paid period.",
    ],
    "general": [
        "KB-001 Support answers within one business day, Monday to Friday.",
    ],
}

INTENT_PHRASES = {
    "billing": "a question about your bill",
    "technical": "a technical problem",
    "shipping": "your delivery",
    "account": "your account",
    "general": "your question",
}


def ai_triage(v):
    """`ai-triage`: intent and priority from keywords of the subject and body.

    REAL MODEL CALL GOES HERE: send subject and body to a classifier or an LLM with a prompt such as
    "Classify this support inquiry: intent one of billing/technical/shipping/account/general, priority one of
    high/normal/low; answer as JSON", validate the answer against those values, and fall back to `general`/`normal`.
    """
    found = words(v.get("subject"), v.get("body"))
    intent = next((name for name, keys in INTENT_KEYWORDS if found & keys), "general")
    if found & HIGH_PRIORITY:
        priority = "high"
    elif found & LOW_PRIORITY:
        priority = "low"
    else:
        priority = "normal"
    return complete(intent=intent, priority=priority)


def alert_on_call(v):
    """`alert-on-call`: page the on-call agent. OUTSIDE SYSTEM CALL GOES HERE (PagerDuty, Opsgenie, a chat hook)."""
    log.info("ALERT on-call: high-priority inquiry %r from %s (%s)", v.get("subject"), v.get("customerEmail"),
             v.get("intent"))
    return complete()


def knowledge_lookup(v):
    """`knowledge-lookup`: articles for the intent from the built-in table.

    REAL SEARCH GOES HERE: query the knowledge base (full-text or embeddings) with the subject and body and keep
    the best few articles.
    """
    intent = v.get("intent") or "general"
    return complete(knowledgeArticles=list(KNOWLEDGE_BASE.get(intent, KNOWLEDGE_BASE["general"])))


def customer_name(email):
    local = (email or "").split("@", 1)[0]
    first = re.split(r"[._+-]", local)[0]
    return first.capitalize() if first else "there"


def ai_draft(v):
    """`ai-draft`: a templated reply; on a redraft it works the reviewer's comment in.

    REAL MODEL CALL GOES HERE: prompt an LLM with the inquiry (`body`), the `intent`, the `knowledgeArticles` and,
    when the reviewer rejected the previous draft, that draft (`replyText`) and the reviewer's comment
    (`reviewComment`): "Rewrite the reply following the reviewer's comment". Keep the answer as `replyText`.
    """
    intent = v.get("intent") or "general"
    articles = v.get("knowledgeArticles") or []
    lines = [
        f"Hello {customer_name(v.get('customerEmail'))},",
        "",
        f"thank you for contacting us about {INTENT_PHRASES.get(intent, INTENT_PHRASES['general'])}"
        + (f" (\"{v.get('subject')}\")." if v.get("subject") else "."),
    ]
    if articles:
        lines += ["", "This should help:"] + [f"- {article}" for article in articles]
    comment = (v.get("reviewComment") or "").strip()
    rejections = v.get("rejectionCount") or 0
    if comment and rejections:
        # The stand-in cannot rewrite; it adds the reviewer's point as its own paragraph so the change is visible.
        lines += ["", f"{comment}"]
    lines += ["", "Kind regards,", "Your support team"]
    text = "\n".join(lines)
    log.info("draft %d for %s: %d characters%s", rejections + 1, v.get("customerEmail"), len(text),
             f", revised after the comment {comment!r}" if comment and rejections else "")
    return complete(replyText=text)


def notify_supervisors(v):
    """`notify-supervisors`: the approval is overdue. OUTSIDE SYSTEM CALL GOES HERE (e-mail or chat)."""
    log.info("SLA missed: the reply to %r (%s) is still waiting for approval", v.get("subject"),
             v.get("customerEmail"))
    return complete()


def crm_down_domains():
    return {d.strip().lower() for d in os.environ.get("DEMO_CRM_DOWN_DOMAINS", "crm-down.example").split(",")
            if d.strip()}


def crm_log(v):
    """`crm-log`: log the case in the CRM; `crmCaseId` is derived from the inquiry.

    The CRM is "down" (BPMN error `CRM_DOWN`, which routes to the manual fallback task) when the customer's
    e-mail domain is in DEMO_CRM_DOWN_DOMAINS (default `crm-down.example`) or when DEMO_CRM_DOWN=1.

    REAL API CALL GOES HERE: create the case in the CRM (Salesforce, HubSpot, Zendesk, …); map a connection error
    or a 5xx answer to `CRM_DOWN` and keep the returned case id.
    """
    email = (v.get("customerEmail") or "").lower()
    domain = email.rsplit("@", 1)[-1] if "@" in email else ""
    if os.environ.get("DEMO_CRM_DOWN") == "1" or domain in crm_down_domains():
        return bpmn_error("CRM_DOWN", f"the CRM is not reachable (stand-in: customer domain '{domain}')")
    return complete(crmCaseId="CRM-" + short_hash(email, v.get("subject"), v.get("body")))


def send_survey(v):
    """`send-survey`: the satisfaction survey. OUTSIDE SYSTEM CALL GOES HERE (a survey tool or e-mail service)."""
    log.info("survey sent to %s (case %s)", v.get("customerEmail"), v.get("crmCaseId"))
    return complete()


# ---------------------------------------------------------------------------------------------------------------
# order-fulfilment
# ---------------------------------------------------------------------------------------------------------------

def payment_limit():
    return float(os.environ.get("DEMO_PAYMENT_LIMIT", "1000"))


def fraud_check(v):
    """`fraud-check`: a score from the total. REAL CALL GOES HERE (a fraud-scoring service or model)."""
    total = float(v.get("total") or 0)
    return complete(fraudScore=round(min(0.99, total / 10000), 2))


def stock_check(v):
    """`stock-check`: every item with quantity up to 10 is in stock. REAL CALL GOES HERE (inventory API)."""
    items = v.get("items") or []
    return complete(inStock=all(int(item.get("quantity", 1)) <= 10 for item in items if isinstance(item, dict)))


def payment(v):
    """`payment`: declined (BPMN error `PAYMENT_DECLINED`) when the total exceeds DEMO_PAYMENT_LIMIT (1000).

    REAL API CALL GOES HERE: charge the payment provider; map a decline to `PAYMENT_DECLINED`.
    """
    total = float(v.get("total") or 0)
    if total > payment_limit():
        return bpmn_error("PAYMENT_DECLINED", f"declined by the stand-in: total {total:g} is over the limit "
                                              f"{payment_limit():g}")
    return complete(paymentId="PAY-" + short_hash(v.get("orderId"), total))


def notify_customer(v):
    """`notify-customer`: the local variable `notification` says which message. OUTSIDE CALL GOES HERE (e-mail)."""
    log.info("notify %s: %s for order %s", v.get("customerEmail"), v.get("notification"), v.get("orderId"))
    return complete()


def warehouse_pick(v):
    """`warehouse-pick`. OUTSIDE CALL GOES HERE (warehouse management system)."""
    log.info("pick %s", v.get("items"))
    return complete()


def warehouse_pack(v):
    """`warehouse-pack`: a parcel id. OUTSIDE CALL GOES HERE (warehouse management system)."""
    return complete(parcelId="PARCEL-" + short_hash(v.get("orderId"), v.get("items")))


def ship(v):
    """`ship`: a tracking number. OUTSIDE CALL GOES HERE (the carrier's API)."""
    return complete(trackingNumber="TRACK-" + short_hash(v.get("orderId"), v.get("parcelId"), length=12))


def request_review(v):
    """`request-review`. OUTSIDE CALL GOES HERE (e-mail or review platform)."""
    log.info("review requested from %s for order %s", v.get("customerEmail"), v.get("orderId"))
    return complete()


def handle_return(v):
    """`handle-return`: a refund id. OUTSIDE CALL GOES HERE (payment provider refund)."""
    return complete(refundId="REFUND-" + short_hash(v.get("orderId"), v.get("paymentId")))


# ---------------------------------------------------------------------------------------------------------------
# marketing-program
# ---------------------------------------------------------------------------------------------------------------

TRENDING_TOPICS = ["sustainable packaging", "remote work gear", "AI assistants"]


def social_listening(v):
    """`social-listening`: a fixed list. REAL CALL GOES HERE (a social-listening API)."""
    return complete(trendingTopics=list(TRENDING_TOPICS))


def ai_idea_brief(v):
    """`ai-idea-brief`: a templated brief.

    REAL MODEL CALL GOES HERE: "Write a one-paragraph campaign brief around these trending topics: …".
    """
    topics = v.get("trendingTopics") or TRENDING_TOPICS
    return complete(ideaBrief="Campaign brief: show how our products fit " + ", ".join(topics) + ".")


def ai_asset_generation(v):
    """`ai-asset-generation`: asset names from the brief; a retry after a rejection adds the feedback's version.

    REAL MODEL CALL GOES HERE: an image/text generation model given the brief and, on a retry, the
    `approvalFeedback` and the previous `assets`.
    """
    previous = v.get("assets") or []
    version = 1 + len(previous) // 2 if v.get("approvalFeedback") else 1
    stem = short_hash(v.get("ideaBrief"), v.get("approvalFeedback"))
    return complete(assets=[f"banner-{stem}-v{version}.png", f"post-{stem}-v{version}.txt"])


def schedule_campaign(v):
    """`schedule-campaign`: a campaign id. OUTSIDE CALL GOES HERE (marketing automation platform)."""
    return complete(campaignId="CAMP-" + short_hash(v.get("ideaBrief"), v.get("assets")))


def analyse_performance(v):
    """`analyse-performance`: `performanceIndex` from the variable `demoPerformanceIndex` when set, else a value
    between 0.6 and 1.4 derived from the campaign id. REAL CALL GOES HERE (analytics API: measured / target)."""
    if v.get("demoPerformanceIndex") is not None:
        return complete(performanceIndex=float(v.get("demoPerformanceIndex")))
    spread = int(short_hash(v.get("campaignId"), length=4), 16) % 81
    return complete(performanceIndex=round(0.6 + spread / 100, 2))


def budget_increase(v):
    """`budget-increase`. OUTSIDE CALL GOES HERE (ad platform budget API)."""
    log.info("budget increased for %s (index %s)", v.get("campaignId"), v.get("performanceIndex"))
    return complete()


def budget_decrease(v):
    """`budget-decrease`. OUTSIDE CALL GOES HERE (ad platform budget API)."""
    log.info("budget shifted away from %s (index %s)", v.get("campaignId"), v.get("performanceIndex"))
    return complete()


# Every external-task topic of processes/*.bpmn and its stand-in.
HANDLERS = {
    "ai-triage": ai_triage,
    "alert-on-call": alert_on_call,
    "knowledge-lookup": knowledge_lookup,
    "ai-draft": ai_draft,
    "notify-supervisors": notify_supervisors,
    "crm-log": crm_log,
    "send-survey": send_survey,
    "fraud-check": fraud_check,
    "stock-check": stock_check,
    "payment": payment,
    "notify-customer": notify_customer,
    "warehouse-pick": warehouse_pick,
    "warehouse-pack": warehouse_pack,
    "ship": ship,
    "request-review": request_review,
    "handle-return": handle_return,
    "social-listening": social_listening,
    "ai-idea-brief": ai_idea_brief,
    "ai-asset-generation": ai_asset_generation,
    "schedule-campaign": schedule_campaign,
    "analyse-performance": analyse_performance,
    "budget-increase": budget_increase,
    "budget-decrease": budget_decrease,
}
