//! What the clients need from the seeded town: forums, busy threads, people to sign in as, and
//! proposals each of them can support and unsupport without changing anything for good.

use std::collections::BTreeSet;

use anyhow::Context;
use api::{ids::ProposalId, service::demo::DEMO_DOMAIN};
use sea_orm::{ConnectionTrait, DatabaseConnection, QueryResult, Statement};

pub struct Fixtures {
    /// Open themed forums.
    pub slugs: Vec<String>,
    /// Proposals anyone can see with at least 20 top-level comments (the busiest ones, in a
    /// town too small to have those).
    pub threads: Vec<String>,
    /// Active residents, to sign in as.
    pub residents: Vec<Resident>,
    /// Forums' sizes, for the report.
    pub town: String,
}

pub struct Resident {
    pub id: i32,
    pub email: String,
}

impl Fixtures {
    pub async fn load(db: &DatabaseConnection) -> anyhow::Result<Self> {
        let slugs = column(
            db,
            "SELECT slug FROM forums WHERE kind = 'THEMED' AND archived_at IS NULL ORDER BY id",
            |row| row.try_get("", "slug"),
        )
        .await?;
        // The busiest threads: those with a full first page of 20 (a tiny town may have none).
        let busiest = column(
            db,
            "SELECT c.proposal_id AS id, COUNT(*)::int AS comments FROM comments c
             JOIN proposals p ON p.id = c.proposal_id JOIN forums f ON f.id = p.forum_id
             WHERE c.parent_id IS NULL AND p.status <> 'DRAFT' AND f.kind = 'THEMED'
             GROUP BY c.proposal_id ORDER BY COUNT(*) DESC, c.proposal_id LIMIT 100",
            |row| {
                Ok((
                    row.try_get::<i32>("", "id")?,
                    row.try_get::<i32>("", "comments")?,
                ))
            },
        )
        .await?;
        let full = busiest
            .iter()
            .filter(|(_, comments)| *comments >= 20)
            .count();
        let threads = busiest
            .iter()
            .take(full.max(10))
            .map(|(id, _)| ProposalId(*id).to_global())
            .collect();
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT id, email FROM users WHERE role = 'RESIDENT' AND status = 'ACTIVE' \
                     AND email LIKE 'resident%@{DEMO_DOMAIN}' ORDER BY id"
                ),
            ))
            .await?;
        let residents = rows
            .iter()
            .map(|row| {
                Ok(Resident {
                    id: row.try_get("", "id")?,
                    email: row.try_get("", "email")?,
                })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT (SELECT COUNT(*) FROM users) AS users,
                        (SELECT COUNT(*) FROM proposals) AS proposals,
                        (SELECT COUNT(*) FROM supports) AS supports,
                        (SELECT COUNT(*) FROM comments) AS comments,
                        (SELECT COUNT(*) FROM council_responses) AS responses",
            ))
            .await?
            .context("counting the town")?;
        let count = |table: &str| row.try_get::<i64>("", table);
        let town = format!(
            "{} people, {} proposals, {} supports, {} comments, {} council responses",
            count("users")?,
            count("proposals")?,
            count("supports")?,
            count("comments")?,
            count("responses")?
        );
        Ok(Self {
            slugs,
            threads,
            residents,
            town,
        })
    }

    /// For each of `residents`, an OPEN proposal in a themed forum that they did not write or
    /// support, well below its threshold (so one more support sends it nowhere), each a
    /// different one.
    pub async fn support_targets(
        db: &DatabaseConnection,
        residents: &[&Resident],
    ) -> anyhow::Result<Vec<String>> {
        let rows = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT p.id, p.author_id FROM proposals p JOIN forums f ON f.id = p.forum_id
                 WHERE p.status = 'OPEN' AND f.kind = 'THEMED' AND f.archived_at IS NULL
                 AND p.hidden_at IS NULL AND p.support_count <= f.support_threshold - 3
                 ORDER BY p.id LIMIT 2000",
            ))
            .await?;
        let candidates: Vec<(i32, i32)> = rows
            .iter()
            .map(|row| Ok((row.try_get("", "id")?, row.try_get("", "author_id")?)))
            .collect::<Result<_, sea_orm::DbErr>>()?;
        let given: BTreeSet<(i32, i32)> = db
            .query_all_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT proposal_id, user_id FROM supports",
            ))
            .await?
            .iter()
            .map(|row| Ok((row.try_get("", "proposal_id")?, row.try_get("", "user_id")?)))
            .collect::<Result<_, sea_orm::DbErr>>()?;
        let mut taken = BTreeSet::new();
        let mut targets = Vec::with_capacity(residents.len());
        for resident in residents {
            let (proposal, _) = candidates
                .iter()
                .find(|(proposal, author)| {
                    *author != resident.id
                        && !taken.contains(proposal)
                        && !given.contains(&(*proposal, resident.id))
                })
                .context("not enough OPEN proposals for the support scenario")?;
            taken.insert(*proposal);
            targets.push(ProposalId(*proposal).to_global());
        }
        Ok(targets)
    }
}

async fn column<T>(
    db: &DatabaseConnection,
    sql: &str,
    get: impl Fn(&QueryResult) -> Result<T, sea_orm::DbErr>,
) -> anyhow::Result<Vec<T>> {
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    Ok(rows.iter().map(get).collect::<Result<_, _>>()?)
}
