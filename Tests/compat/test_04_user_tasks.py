"""User tasks with pycamunda, as reviewers (contract §2.5, §3): list by candidate group and user, claim, complete;
and the refusals (a task claimed by someone else, a user outside the group)."""

import pycamunda
import pycamunda.processdef
import pycamunda.task
import pytest

from compat_support import as_user, base_url, review_task, start_review


def test_reviewer_lists_claims_and_completes(deployment):
    url = base_url()
    instance = start_review()

    candidates = as_user(pycamunda.task.GetList(url, candidate_group="reviewers"), "rita")
    task = next(t for t in candidates if t.process_instance_id == instance.id_)
    assert task.name == "Review order"
    assert task.task_definition_key == "Task_Review"
    assert task.assignee is None
    assert task.priority == 60
    assert task.process_definition_id == instance.definition_id
    assert task.created is not None  # parsed with %Y-%m-%dT%H:%M:%S.%f%z (§0.9)
    assert task.suspended is False
    assert task.delegation_state is None

    # candidateUser matches through the user's groups.
    by_user = as_user(pycamunda.task.GetList(url, candidate_user="rita", process_instance_id=instance.id_), "rita")
    assert [t.id_ for t in by_user] == [task.id_]

    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rita"), "rita")
    claimed = as_user(pycamunda.task.Get(url, id_=task.id_), "rita")
    assert claimed.assignee == "rita"
    mine = as_user(pycamunda.task.GetList(url, assignee="rita"), "rita")
    assert task.id_ in [t.id_ for t in mine]
    # candidateGroup lists unassigned tasks only (unless includeAssignedTasks).
    unassigned = as_user(pycamunda.task.GetList(url, candidate_group="reviewers"), "rita")
    assert task.id_ not in [t.id_ for t in unassigned]
    including = as_user(pycamunda.task.GetList(
        url, candidate_group="reviewers", include_assigned_tasks=True, process_instance_id=instance.id_), "rita")
    assert [t.id_ for t in including] == [task.id_]

    complete = pycamunda.task.Complete(url, id_=task.id_)
    complete.add_variable("approved", True)
    complete.add_variable("comment", "looks fine", type_="String")
    assert as_user(complete, "rita") is None
    with pytest.raises(pycamunda.NotFound):
        as_user(pycamunda.task.Get(url, id_=task.id_), "rita")


def test_complete_with_variables_in_return(deployment):
    url = base_url()
    instance = start_review()
    task = review_task(instance.id_)
    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rita"), "rita")
    complete = pycamunda.task.Complete(url, id_=task.id_, with_variables_in_return=True)
    complete.add_variable("approved", False)
    variables = as_user(complete, "rita")
    assert variables["approved"].value is False
    assert variables["approved"].type_ == "Boolean"
    assert variables["amount"].value == 250


def test_task_claimed_by_someone_else_is_refused(deployment):
    url = base_url()
    instance = start_review()
    task = review_task(instance.id_)
    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rita"), "rita")
    # Re-claiming by the same user is a no-op.
    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rita"), "rita")
    # Camunda answers 500 TaskAlreadyClaimedException, which pycamunda raises as NoSuccess with the body.
    with pytest.raises(pycamunda.NoSuccess, match="already claimed"):
        as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rex"), "rex")
    as_user(pycamunda.task.Unclaim(url, id_=task.id_), "rita")
    as_user(pycamunda.task.Claim(url, id_=task.id_, user_id="rex"), "rex")
    assert as_user(pycamunda.task.Get(url, id_=task.id_), "rex").assignee == "rex"


def test_user_outside_the_reviewers_sees_no_task_work(deployment):
    with pytest.raises(pycamunda.Forbidden):
        as_user(pycamunda.task.GetList(base_url(), candidate_group="reviewers"), "nora")
