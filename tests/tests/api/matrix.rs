//! The role × operation matrix: every query and mutation that touches forum content, tried by
//! each of the seven viewers of RULES.md's "Who may see what" on themed-forum and youth-forum
//! content, with what each must get. The tables are data: add a row to grow the matrix.
//!
//! Columns, in order: anonymous, resident, pending youth, youth, councillor, clerk, suspended.
//!
//! - `OK`: a query shows the object (non-null, or in the list); a mutation works.
//! - `NUL`: a query answers as if the object did not exist (null, or left out of the list).
//! - `UNA` / `FOR` / `NFD` / `CON`: `errors[0].extensions.code` is UNAUTHENTICATED / FORBIDDEN /
//!   NOT_FOUND / CONFLICT, and the field is null.
//!
//! Every cell gets fresh fixtures (a new proposal per mutation cell), so cells never interfere.
//! `Own` content is written by the viewer trying the operation; where that viewer could not
//! have written it (anonymous, a pending youth member, a councillor's proposal, a resident in a
//! youth forum), a resident (themed forum), a youth member (youth forum) or a councillor
//! (council response) wrote it instead. The suspended resident wrote theirs before suspension.

use fforwm_tests::{
    Session, TestApp,
    content::{data_at, node_ids},
    error_code,
    roles::{Cast, Who},
    str_at,
};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Ok,
    Null,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
}

const OK: Expect = Expect::Ok;
const NUL: Expect = Expect::Null;
const UNA: Expect = Expect::Unauthenticated;
const FOR: Expect = Expect::Forbidden;
const NFD: Expect = Expect::NotFound;
const CON: Expect = Expect::Conflict;

/// Which kind of forum the content lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    Themed,
    Youth,
}
use Space::{Themed, Youth};

/// Who wrote the fixture: the viewer trying the operation, or someone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Own,
    Other,
}
use By::{Other, Own};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Draft,
    Open,
    Submitted,
    Accepted,
    Withdrawn,
}
use State::{Accepted, Draft, Open, Submitted, Withdrawn};

/// What an operation is tried on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// The forum itself (create, start, join).
    Forum(Space),
    Proposal(Space, State, By),
    Discussion(Space, By),
    /// A comment on an OPEN proposal.
    Comment(Space, By),
    /// A council response on a SUBMITTED proposal.
    Response(Space, By),
    /// An OPEN proposal a clerk has hidden.
    Hidden(Space),
    /// A report (open, or already resolved) on an OPEN proposal.
    Report(Space, bool),
}
use Target::{Comment, Discussion, Forum, Hidden, Report, Response};
#[allow(non_snake_case)]
const fn P(space: Space, state: State, by: By) -> Target {
    Target::Proposal(space, state, by)
}

/// The operations the matrix tries: the queries and mutations that touch forum content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Proposal,
    Proposals,
    ForumProposals,
    CouncilInbox,
    Discussion,
    ForumDiscussions,
    Node,
    ModerationQueue,
    CreateProposal,
    UpdateProposal,
    PublishProposal,
    WithdrawProposal,
    SupportProposal,
    WithdrawSupport,
    SubmitToCouncil,
    ForwardYouthProposal,
    MarkImplemented,
    RespondToProposal,
    EditCouncilResponse,
    StartDiscussion,
    AddComment,
    /// `addComment` with a `parentId`.
    AddReply,
    EditComment,
    DeleteComment,
    ReportContent,
    HideContent,
    UnhideContent,
    ResolveReport,
    JoinForum,
}

impl Op {
    fn is_query(self) -> bool {
        matches!(
            self,
            Op::Proposal
                | Op::Proposals
                | Op::ForumProposals
                | Op::CouncilInbox
                | Op::Discussion
                | Op::ForumDiscussions
                | Op::Node
                | Op::ModerationQueue
        )
    }

    /// The top-level field that answers it.
    fn field(self) -> &'static str {
        match self {
            Op::Proposal => "proposal",
            Op::Proposals => "proposals",
            Op::ForumProposals | Op::ForumDiscussions | Op::Node => "node",
            Op::CouncilInbox => "councilInbox",
            Op::Discussion => "discussion",
            Op::ModerationQueue => "moderationQueue",
            Op::CreateProposal => "createProposal",
            Op::UpdateProposal => "updateProposal",
            Op::PublishProposal => "publishProposal",
            Op::WithdrawProposal => "withdrawProposal",
            Op::SupportProposal => "supportProposal",
            Op::WithdrawSupport => "withdrawSupport",
            Op::SubmitToCouncil => "submitToCouncil",
            Op::ForwardYouthProposal => "forwardYouthProposal",
            Op::MarkImplemented => "markImplemented",
            Op::RespondToProposal => "respondToProposal",
            Op::EditCouncilResponse => "editCouncilResponse",
            Op::StartDiscussion => "startDiscussion",
            Op::AddComment | Op::AddReply => "addComment",
            Op::EditComment => "editComment",
            Op::DeleteComment => "deleteComment",
            Op::ReportContent => "reportContent",
            Op::HideContent => "hideContent",
            Op::UnhideContent => "unhideContent",
            Op::ResolveReport => "resolveReport",
            Op::JoinForum => "joinForum",
        }
    }
}

type Row = (Op, Target, [Expect; 7]);

/// Queries: who sees what.
#[rustfmt::skip]
const READS: &[Row] = &[
    //                                                   anon  res   pend  youth cllr  clerk susp
    (Op::Proposal,         P(Themed, Open, Other),      [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Proposal,         P(Youth, Open, Other),       [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Proposal,         P(Youth, Submitted, Other),  [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Proposal,         P(Themed, Draft, Own),       [NUL,  OK,   NUL,  OK,   NUL,  OK,   OK]),
    (Op::Proposal,         P(Themed, Draft, Other),     [NUL,  NUL,  NUL,  NUL,  NUL,  NUL,  NUL]),
    (Op::Proposal,         P(Youth, Draft, Own),        [NUL,  NUL,  NUL,  OK,   NUL,  OK,   NUL]),
    (Op::Proposals,        P(Themed, Open, Other),      [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Proposals,        P(Youth, Open, Other),       [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Proposals,        P(Themed, Draft, Own),       [NUL,  OK,   NUL,  OK,   NUL,  OK,   OK]),
    (Op::Proposals,        P(Themed, Draft, Other),     [NUL,  NUL,  NUL,  NUL,  NUL,  NUL,  NUL]),
    (Op::ForumProposals,   P(Themed, Open, Other),      [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::ForumProposals,   P(Youth, Open, Other),       [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::ForumProposals,   P(Youth, Draft, Own),        [NUL,  NUL,  NUL,  OK,   NUL,  OK,   NUL]),
    (Op::CouncilInbox,     P(Themed, Submitted, Other), [UNA,  FOR,  FOR,  FOR,  OK,   OK,   FOR]),
    (Op::CouncilInbox,     P(Youth, Submitted, Other),  [UNA,  FOR,  FOR,  FOR,  OK,   OK,   FOR]),
    (Op::Discussion,       Discussion(Themed, Other),   [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Discussion,       Discussion(Youth, Other),    [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::ForumDiscussions, Discussion(Themed, Other),   [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::ForumDiscussions, Discussion(Youth, Other),    [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Node,             P(Themed, Open, Other),      [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Node,             P(Youth, Open, Other),       [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Node,             Discussion(Themed, Other),   [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Node,             Discussion(Youth, Other),    [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Node,             Comment(Themed, Other),      [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Node,             Comment(Youth, Other),       [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::Node,             Response(Themed, Other),     [OK,   OK,   OK,   OK,   OK,   OK,   OK]),
    (Op::Node,             Response(Youth, Other),      [NUL,  NUL,  NUL,  OK,   OK,   OK,   NUL]),
    (Op::ModerationQueue,  Report(Themed, true),        [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::ModerationQueue,  Report(Youth, true),         [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
];

/// A proposal's life: writing, supporting, and the clerks' moves.
#[rustfmt::skip]
const PROPOSAL_WRITES: &[Row] = &[
    //                                                   anon  res   pend  youth cllr  clerk susp
    (Op::CreateProposal,   Forum(Themed),               [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::CreateProposal,   Forum(Youth),                [UNA,  FOR,  FOR,  OK,   FOR,  OK,   FOR]),
    (Op::UpdateProposal,   P(Themed, Draft, Own),       [UNA,  OK,   FOR,  OK,   NFD,  OK,   FOR]),
    (Op::UpdateProposal,   P(Themed, Open, Own),        [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::UpdateProposal,   P(Youth, Open, Own),         [UNA,  NFD,  FOR,  OK,   FOR,  OK,   FOR]),
    (Op::UpdateProposal,   P(Themed, Submitted, Own),   [UNA,  CON,  FOR,  CON,  FOR,  CON,  FOR]),
    (Op::UpdateProposal,   P(Themed, Open, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::UpdateProposal,   P(Themed, Draft, Other),     [UNA,  NFD,  FOR,  NFD,  NFD,  NFD,  FOR]),
    (Op::PublishProposal,  P(Themed, Draft, Own),       [UNA,  OK,   FOR,  OK,   NFD,  OK,   FOR]),
    (Op::PublishProposal,  P(Youth, Draft, Own),        [UNA,  NFD,  FOR,  OK,   NFD,  OK,   FOR]),
    (Op::PublishProposal,  P(Themed, Open, Own),        [UNA,  CON,  FOR,  CON,  FOR,  CON,  FOR]),
    (Op::PublishProposal,  P(Themed, Draft, Other),     [UNA,  NFD,  FOR,  NFD,  NFD,  NFD,  FOR]),
    (Op::WithdrawProposal, P(Themed, Draft, Own),       [UNA,  OK,   FOR,  OK,   NFD,  OK,   FOR]),
    (Op::WithdrawProposal, P(Themed, Open, Own),        [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::WithdrawProposal, P(Youth, Open, Own),         [UNA,  NFD,  FOR,  OK,   FOR,  OK,   FOR]),
    (Op::WithdrawProposal, P(Themed, Submitted, Own),   [UNA,  CON,  FOR,  CON,  FOR,  CON,  FOR]),
    (Op::WithdrawProposal, P(Themed, Open, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::SupportProposal,  P(Themed, Open, Other),      [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::SupportProposal,  P(Youth, Open, Other),       [UNA,  NFD,  FOR,  OK,   FOR,  OK,   FOR]),
    (Op::SupportProposal,  P(Themed, Submitted, Other), [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::SupportProposal,  P(Themed, Open, Own),        [UNA,  FOR,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::SupportProposal,  P(Themed, Withdrawn, Other), [UNA,  CON,  FOR,  CON,  FOR,  CON,  FOR]),
    (Op::SupportProposal,  P(Themed, Draft, Other),     [UNA,  NFD,  FOR,  NFD,  NFD,  NFD,  FOR]),
    // Idempotent: withdrawing a support never given changes nothing, for anyone active.
    (Op::WithdrawSupport,      P(Themed, Open, Other),      [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::WithdrawSupport,      P(Youth, Open, Other),       [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::WithdrawSupport,      P(Themed, Withdrawn, Other), [UNA,  CON,  FOR,  CON,  CON,  CON,  FOR]),
    (Op::SubmitToCouncil,      P(Themed, Open, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::SubmitToCouncil,      P(Youth, Open, Other),       [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::SubmitToCouncil,      P(Themed, Submitted, Other), [UNA,  FOR,  FOR,  FOR,  FOR,  CON,  FOR]),
    (Op::SubmitToCouncil,      P(Themed, Draft, Other),     [UNA,  FOR,  FOR,  FOR,  FOR,  NFD,  FOR]),
    (Op::ForwardYouthProposal, P(Youth, Open, Other),       [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::ForwardYouthProposal, P(Youth, Submitted, Other),  [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::ForwardYouthProposal, P(Youth, Draft, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  NFD,  FOR]),
    (Op::ForwardYouthProposal, P(Themed, Open, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  CON,  FOR]),
    (Op::MarkImplemented,      P(Themed, Accepted, Other),  [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::MarkImplemented,      P(Youth, Accepted, Other),   [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::MarkImplemented,      P(Themed, Open, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  CON,  FOR]),
];

/// The council's answers and the conversation around everything.
#[rustfmt::skip]
const CONVERSATION_WRITES: &[Row] = &[
    //                                                      anon  res   pend  youth cllr  clerk susp
    (Op::RespondToProposal,   P(Themed, Submitted, Other), [UNA,  FOR,  FOR,  FOR,  OK,   OK,   FOR]),
    (Op::RespondToProposal,   P(Youth, Submitted, Other),  [UNA,  FOR,  FOR,  FOR,  OK,   OK,   FOR]),
    (Op::RespondToProposal,   P(Themed, Open, Other),      [UNA,  FOR,  FOR,  FOR,  CON,  CON,  FOR]),
    (Op::RespondToProposal,   P(Themed, Draft, Other),     [UNA,  FOR,  FOR,  FOR,  NFD,  NFD,  FOR]),
    (Op::EditCouncilResponse, Response(Themed, Own),       [UNA,  FOR,  FOR,  FOR,  OK,   OK,   FOR]),
    (Op::EditCouncilResponse, Response(Youth, Own),        [UNA,  FOR,  FOR,  FOR,  OK,   OK,   FOR]),
    (Op::EditCouncilResponse, Response(Themed, Other),     [UNA,  FOR,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::StartDiscussion,     Forum(Themed),               [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::StartDiscussion,     Forum(Youth),                [UNA,  FOR,  FOR,  OK,   FOR,  OK,   FOR]),
    (Op::AddComment,          P(Themed, Open, Other),      [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddComment,          P(Youth, Open, Other),       [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddComment,          P(Themed, Draft, Own),       [UNA,  CON,  FOR,  CON,  NFD,  CON,  FOR]),
    (Op::AddComment,          Discussion(Themed, Other),   [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddComment,          Discussion(Youth, Other),    [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddComment,          Response(Themed, Other),     [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddComment,          Response(Youth, Other),      [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddReply,            Comment(Themed, Other),      [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::AddReply,            Comment(Youth, Other),       [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::EditComment,         Comment(Themed, Own),        [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::EditComment,         Comment(Youth, Own),         [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::EditComment,         Comment(Themed, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::EditComment,         Comment(Youth, Other),       [UNA,  NFD,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::DeleteComment,       Comment(Themed, Own),        [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::DeleteComment,       Comment(Youth, Own),         [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::DeleteComment,       Comment(Themed, Other),      [UNA,  FOR,  FOR,  FOR,  FOR,  FOR,  FOR]),
    (Op::DeleteComment,       Comment(Youth, Other),       [UNA,  NFD,  FOR,  FOR,  FOR,  FOR,  FOR]),
];

/// Reports, hiding, and joining forums.
#[rustfmt::skip]
const MODERATION_WRITES: &[Row] = &[
    //                                             anon  res   pend  youth cllr  clerk susp
    (Op::ReportContent, P(Themed, Open, Other),   [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::ReportContent, P(Youth, Open, Other),    [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::ReportContent, P(Themed, Draft, Other),  [UNA,  NFD,  FOR,  NFD,  NFD,  NFD,  FOR]),
    (Op::ReportContent, Discussion(Youth, Other), [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::ReportContent, Comment(Themed, Other),   [UNA,  OK,   FOR,  OK,   OK,   OK,   FOR]),
    (Op::ReportContent, Comment(Youth, Other),    [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::ReportContent, Response(Youth, Other),   [UNA,  NFD,  FOR,  OK,   OK,   OK,   FOR]),
    (Op::HideContent,   P(Themed, Open, Other),   [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::HideContent,   P(Youth, Open, Other),    [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::HideContent,   P(Themed, Draft, Other),  [UNA,  FOR,  FOR,  FOR,  FOR,  NFD,  FOR]),
    (Op::HideContent,   Discussion(Youth, Other), [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::HideContent,   Comment(Youth, Other),    [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::HideContent,   Response(Themed, Other),  [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::UnhideContent, Hidden(Themed),           [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::UnhideContent, Hidden(Youth),            [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::ResolveReport, Report(Themed, true),     [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::ResolveReport, Report(Youth, true),      [UNA,  FOR,  FOR,  FOR,  FOR,  OK,   FOR]),
    (Op::ResolveReport, Report(Themed, false),    [UNA,  FOR,  FOR,  FOR,  FOR,  CON,  FOR]),
    (Op::JoinForum,     Forum(Themed),            [UNA,  OK,   FOR,  OK,   FOR,  OK,   FOR]),
    (Op::JoinForum,     Forum(Youth),             [UNA,  FOR,  FOR,  OK,   FOR,  OK,   FOR]),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads() {
    run(READS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proposal_writes() {
    run(PROPOSAL_WRITES).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conversation_writes() {
    run(CONVERSATION_WRITES).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderation_writes() {
    run(MODERATION_WRITES).await;
}

// ------------------------------------------------------------------------------- the driver

/// The viewers, the other authors, the forums, and a counter for unique titles.
struct World {
    app: TestApp,
    cast: Cast,
    /// The "someone else" of each kind.
    other_resident: Session,
    other_youth: Session,
    other_councillor: Session,
    themed: String,
    youth: String,
    next: usize,
}

/// What a cell's operation is tried on.
#[derive(Debug, Clone, Default)]
struct Fixture {
    /// The object (or forum) the operation names.
    id: String,
    /// A comment's target, for replies.
    on: Option<String>,
    /// A word only this fixture's title holds, for `search`.
    tag: String,
    /// The forum it is in.
    forum: String,
    /// A proposal's current version.
    version: i64,
}

/// The kinds of thing a viewer may write, for "who wrote `Own` content".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writing {
    Proposal,
    Comment,
    Response,
}

async fn run(rows: &[Row]) {
    let app = TestApp::spawn().await;
    let cast = Cast::new(&app).await;
    let other_resident = app.resident().await;
    let other_youth = app.active_youth(&cast.setup_clerk).await;
    let other_councillor = app.councillor().await;
    let themed = app.forum_id("environment").await;
    let youth = app.forum_id("youth-environment").await;
    let mut world = World {
        app,
        cast,
        other_resident,
        other_youth,
        other_councillor,
        themed,
        youth,
        next: 0,
    };

    let mut failures = Vec::new();
    for (row, (op, target, expected)) in rows.iter().enumerate() {
        let mut shared: Option<Fixture> = None;
        for who in Who::ALL {
            let reusable = op.is_query() && !target.is_own();
            let fixture = match (&shared, reusable) {
                (Some(fixture), true) => fixture.clone(),
                _ => {
                    let fixture = world.fixture(*target, who).await;
                    if reusable {
                        shared = Some(fixture.clone());
                    }
                    fixture
                }
            };
            let (got, resp) = world.attempt(*op, &fixture, who).await;
            let want = expected[who.index()];
            if got != Ok(want) {
                failures.push(format!(
                    "row {row} {op:?} on {target:?} as {who:?}: expected {want:?}, got {got:?}\n    {resp}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cells differ from the matrix:\n{}",
        failures.len(),
        rows.len() * 7,
        failures.join("\n")
    );
}

impl Target {
    fn is_own(self) -> bool {
        matches!(
            self,
            Target::Proposal(_, _, Own)
                | Target::Discussion(_, Own)
                | Target::Comment(_, Own)
                | Target::Response(_, Own)
        )
    }
}

impl World {
    fn forum(&self, space: Space) -> String {
        match space {
            Themed => self.themed.clone(),
            Youth => self.youth.clone(),
        }
    }

    /// Someone else who writes in this space: a resident, or a youth member.
    fn other_writer(&self, space: Space) -> &Session {
        match space {
            Themed => &self.other_resident,
            Youth => &self.other_youth,
        }
    }

    /// Who writes `Own` content of this kind for `who` (see the module's notes).
    fn own_writer(&self, space: Space, writing: Writing, who: Who) -> &Session {
        let can = match (writing, space) {
            (Writing::Response, _) => matches!(who, Who::Councillor | Who::Clerk),
            (Writing::Proposal, Themed) => {
                matches!(
                    who,
                    Who::Resident | Who::Youth | Who::Clerk | Who::Suspended
                )
            }
            (Writing::Proposal, Youth) => matches!(who, Who::Youth | Who::Clerk),
            (Writing::Comment, Themed) => matches!(
                who,
                Who::Resident | Who::Youth | Who::Councillor | Who::Clerk | Who::Suspended
            ),
            (Writing::Comment, Youth) => matches!(who, Who::Youth | Who::Councillor | Who::Clerk),
        };
        match (can, writing) {
            (true, _) => self.cast.session(who).unwrap_or_else(|| unreachable!()),
            (false, Writing::Response) => &self.other_councillor,
            (false, _) => self.other_writer(space),
        }
    }

    fn writer(&self, space: Space, writing: Writing, by: By, who: Who) -> Session {
        match (by, writing) {
            (Own, _) => self.own_writer(space, writing, who).clone(),
            (Other, Writing::Response) => self.other_councillor.clone(),
            (Other, _) => self.other_writer(space).clone(),
        }
    }

    fn tag(&mut self) -> String {
        self.next += 1;
        format!("mx{}q", self.next)
    }

    /// Fresh fixtures for one cell.
    async fn fixture(&mut self, target: Target, who: Who) -> Fixture {
        let tag = self.tag();
        let suspended_writes = |author: &Session| author.user_id == self.cast.suspended.user_id;
        match target {
            Forum(space) => Fixture {
                id: self.forum(space),
                forum: self.forum(space),
                tag,
                ..Fixture::default()
            },
            Target::Proposal(space, state, by) => {
                let author = self.writer(space, Writing::Proposal, by, who);
                let suspended = suspended_writes(&author);
                if suspended {
                    self.app
                        .reinstate(&self.cast.setup_clerk, &self.cast.suspended)
                        .await;
                }
                let fixture = self.proposal(space, state, &author, tag).await;
                if suspended {
                    self.app
                        .suspend(&self.cast.setup_clerk, &self.cast.suspended)
                        .await;
                }
                fixture
            }
            Discussion(space, by) => {
                let author = self.writer(space, Writing::Proposal, by, who);
                let forum = self.forum(space);
                let discussion = self
                    .app
                    .start_discussion(&author, &forum, &format!("Matrix discussion {tag}"))
                    .await;
                Fixture {
                    id: str_at(&discussion, "id").to_owned(),
                    forum,
                    tag,
                    ..Fixture::default()
                }
            }
            Comment(space, by) => {
                let author = self.writer(space, Writing::Comment, by, who);
                let proposal = self
                    .proposal(space, Open, &self.other_writer(space).clone(), tag.clone())
                    .await;
                let suspended = suspended_writes(&author);
                if suspended {
                    self.app
                        .reinstate(&self.cast.setup_clerk, &self.cast.suspended)
                        .await;
                }
                let comment = self
                    .app
                    .add_comment(&author, &proposal.id, None, &format!("Comment {tag}"))
                    .await;
                if suspended {
                    self.app
                        .suspend(&self.cast.setup_clerk, &self.cast.suspended)
                        .await;
                }
                Fixture {
                    id: str_at(&comment, "id").to_owned(),
                    on: Some(proposal.id),
                    ..proposal
                }
            }
            Response(space, by) => {
                let author = self.writer(space, Writing::Response, by, who);
                let proposal = self
                    .proposal(space, Submitted, &self.other_writer(space).clone(), tag)
                    .await;
                let response = self
                    .app
                    .respond(&author, &proposal.id, "ACKNOWLEDGEMENT", None)
                    .await;
                Fixture {
                    id: response,
                    on: Some(proposal.id.clone()),
                    ..proposal
                }
            }
            Hidden(space) => {
                let author = self.other_writer(space).clone();
                let proposal = self.proposal(space, Open, &author, tag).await;
                assert!(self.app.hide(&self.cast.setup_clerk, &proposal.id).await);
                proposal
            }
            Report(space, open) => {
                let author = self.other_writer(space).clone();
                let proposal = self.proposal(space, Open, &author, tag).await;
                let report = self
                    .app
                    .report(&self.other_councillor, &proposal.id, "OFFENSIVE")
                    .await;
                let id = str_at(&report, "id").to_owned();
                if !open {
                    let resp = self
                        .app
                        .try_resolve_report(Some(&self.cast.setup_clerk), &id, "Handled", false)
                        .await;
                    data_at(&resp, "resolveReport");
                }
                Fixture {
                    id,
                    on: Some(proposal.id.clone()),
                    ..proposal
                }
            }
        }
    }

    /// A proposal by `author` brought to `state`.
    async fn proposal(&self, space: Space, state: State, author: &Session, tag: String) -> Fixture {
        let app = &self.app;
        let forum = self.forum(space);
        let created = app
            .create_proposal(author, &forum, &format!("Matrix proposal {tag}"))
            .await;
        let id = str_at(&created, "id").to_owned();
        let mut latest = created;
        if state != Draft {
            latest = app.publish(author, &id).await;
        }
        match state {
            Draft | Open => {}
            Withdrawn => latest = app.proposal_mutation(author, "withdrawProposal", &id).await,
            Submitted | Accepted => {
                latest = app.submit_to_council(&self.cast.setup_clerk, &id).await;
                if state == Accepted {
                    app.respond(&self.other_councillor, &id, "DECISION", Some("ACCEPTED"))
                        .await;
                    latest["version"] = json!(latest["version"].as_i64().unwrap_or(0) + 1);
                }
            }
        }
        Fixture {
            id,
            on: None,
            tag,
            forum,
            version: latest["version"].as_i64().unwrap_or(1),
        }
    }

    /// Tries `op` on the fixture as `who`: the outcome (or the unexpected code) and the response.
    async fn attempt(&self, op: Op, f: &Fixture, who: Who) -> (Result<Expect, String>, Value) {
        let session = self.cast.session(who);
        let id = json!({ "id": f.id });
        let field = op.field();
        let (query, vars): (&str, Value) = match op {
            // ---------------------------------------------------------------- reads
            Op::Proposal => ("query($id: ID!) { proposal(id: $id) { id } }", id),
            Op::Discussion => ("query($id: ID!) { discussion(id: $id) { id } }", id),
            Op::Node => ("query($id: ID!) { node(id: $id) { id } }", id),
            Op::Proposals => (
                "query($s: String) { proposals(first: 100, search: $s) { edges { node { id } } } }",
                json!({ "s": f.tag }),
            ),
            Op::ForumProposals => (
                "query($f: ID!) { node(id: $f) { ... on Forum {
                   proposals(first: 100) { edges { node { id } } } } } }",
                json!({ "f": f.forum }),
            ),
            Op::ForumDiscussions => (
                "query($f: ID!) { node(id: $f) { ... on Forum {
                   discussions(first: 100) { edges { node { id } } } } } }",
                json!({ "f": f.forum }),
            ),
            Op::CouncilInbox | Op::ModerationQueue => {
                return self.find_in_pages(field, session, &f.id).await;
            }
            // ---------------------------------------------------------------- writes
            Op::CreateProposal => (
                "mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }",
                json!({ "input": { "forumId": f.forum, "title": format!("Matrix new {}", f.tag),
                                   "body": "A new proposal." } }),
            ),
            Op::UpdateProposal => (
                "mutation($id: ID!, $v: Int!) {
                   updateProposal(id: $id, expectedVersion: $v, input: { body: \"Edited.\" }) { id } }",
                json!({ "id": f.id, "v": f.version }),
            ),
            Op::PublishProposal => ("mutation($id: ID!) { publishProposal(id: $id) { id } }", id),
            Op::WithdrawProposal => ("mutation($id: ID!) { withdrawProposal(id: $id) { id } }", id),
            Op::SupportProposal => ("mutation($id: ID!) { supportProposal(id: $id) { id } }", id),
            Op::WithdrawSupport => ("mutation($id: ID!) { withdrawSupport(id: $id) { id } }", id),
            Op::SubmitToCouncil => ("mutation($id: ID!) { submitToCouncil(id: $id) { id } }", id),
            Op::ForwardYouthProposal => (
                "mutation($id: ID!) { forwardYouthProposal(id: $id) { id } }",
                id,
            ),
            Op::MarkImplemented => (
                "mutation($id: ID!) { markImplemented(id: $id, note: \"Done.\") { id } }",
                id,
            ),
            Op::RespondToProposal => (
                "mutation($id: ID!) { respondToProposal(input: {
                   proposalId: $id, kind: ACKNOWLEDGEMENT, body: \"We have it.\" }) { id } }",
                id,
            ),
            Op::EditCouncilResponse => (
                "mutation($id: ID!) { editCouncilResponse(id: $id, body: \"Corrected.\") { id } }",
                id,
            ),
            Op::StartDiscussion => (
                "mutation($input: StartDiscussionInput!) { startDiscussion(input: $input) { id } }",
                json!({ "input": { "forumId": f.forum, "title": format!("Matrix talk {}", f.tag),
                                   "body": "Let us talk." } }),
            ),
            Op::AddComment => (
                "mutation($id: ID!) { addComment(input: { targetId: $id, body: \"Agreed.\" }) { id } }",
                id,
            ),
            Op::AddReply => (
                "mutation($on: ID!, $id: ID!) {
                   addComment(input: { targetId: $on, parentId: $id, body: \"Agreed.\" }) { id } }",
                json!({ "id": f.id, "on": f.on }),
            ),
            Op::EditComment => (
                "mutation($id: ID!) { editComment(id: $id, body: \"Edited.\") { id } }",
                id,
            ),
            Op::DeleteComment => ("mutation($id: ID!) { deleteComment(id: $id) { id } }", id),
            Op::ReportContent => (
                "mutation($id: ID!) { reportContent(input: { targetId: $id, reason: OTHER }) { id } }",
                id,
            ),
            Op::HideContent => (
                "mutation($id: ID!) { hideContent(targetId: $id, reason: \"Matrix\") }",
                id,
            ),
            Op::UnhideContent => ("mutation($id: ID!) { unhideContent(targetId: $id) }", id),
            Op::ResolveReport => (
                "mutation($id: ID!) { resolveReport(id: $id, resolution: \"Handled.\") { id } }",
                id,
            ),
            Op::JoinForum => ("mutation($id: ID!) { joinForum(forumId: $id) { id } }", id),
        };
        let resp = self.app.gql_opt(session, query, vars).await;
        let outcome = match error_code(&resp) {
            Some(code) => refusal(&resp, code, field),
            None => Ok(match op {
                Op::Proposals => listed(&resp["data"]["proposals"], &f.id),
                Op::ForumProposals => listed(&resp["data"]["node"]["proposals"], &f.id),
                Op::ForumDiscussions => listed(&resp["data"]["node"]["discussions"], &f.id),
                _ if op.is_query() => match &resp["data"][field] {
                    Value::Null => NUL,
                    found if found["id"] == f.id.as_str() => OK,
                    _ => return (Err("another object".to_owned()), resp),
                },
                Op::HideContent | Op::UnhideContent if resp["data"][field] != true => {
                    return (Err("false".to_owned()), resp);
                }
                _ if resp["data"][field].is_null() => {
                    return (Err("null without an error".to_owned()), resp);
                }
                _ => OK,
            }),
        };
        (outcome, resp)
    }

    /// `councilInbox` and `moderationQueue`, every page: is the fixture there?
    async fn find_in_pages(
        &self,
        op: &'static str,
        who: Option<&Session>,
        id: &str,
    ) -> (Result<Expect, String>, Value) {
        let query = format!(
            "query($after: String) {{ {op}(first: 100, after: $after) {{
               pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id }} }} }} }}"
        );
        let mut after = Value::Null;
        loop {
            let resp = self
                .app
                .gql_opt(who, &query, json!({ "after": after }))
                .await;
            if let Some(code) = error_code(&resp) {
                return (refusal(&resp, code, op), resp);
            }
            let page = &resp["data"][op];
            if node_ids(page).iter().any(|n| n == id) {
                return (Ok(OK), resp);
            }
            if page["pageInfo"]["hasNextPage"] != true {
                return (Ok(NUL), resp);
            }
            after = page["pageInfo"]["endCursor"].clone();
        }
    }
}

/// A refusal: its code as an `Expect`, provided the field answered nothing.
fn refusal(resp: &Value, code: &str, field: &str) -> Result<Expect, String> {
    if !resp["data"].is_null() && !resp["data"][field].is_null() {
        return Err(format!("{code} with data"));
    }
    match code {
        "UNAUTHENTICATED" => Ok(UNA),
        "FORBIDDEN" => Ok(FOR),
        "NOT_FOUND" => Ok(NFD),
        "CONFLICT" => Ok(CON),
        other => Err(other.to_owned()),
    }
}

/// Whether a connection lists `id`.
fn listed(connection: &Value, id: &str) -> Expect {
    if connection.is_null() {
        return NUL;
    }
    if node_ids(connection).iter().any(|n| n == id) {
        OK
    } else {
        NUL
    }
}
