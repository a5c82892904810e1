//! `seed-demo`: realistic demo accounts and forum memberships, `scale` times the base size.
//! Running it again adds nothing that is already there.

use entity::{AccountStatus, ForumKind, Language, Role, forum, forum_member, user};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    sea_query::OnConflict,
};

use crate::{auth::password, db::begin_write, error::AppResult};

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "fforwm-demo-2026";

const FIRST_NAMES: [&str; 12] = [
    "Alys", "Bethan", "Carys", "Dafydd", "Eleri", "Gareth", "Gwen", "Huw", "Iwan", "Megan", "Rhys",
    "Siân",
];
const LAST_NAMES: [&str; 8] = [
    "Davies", "Evans", "Hughes", "Jones", "Lewis", "Morgan", "Price", "Williams",
];

struct DemoAccount {
    email: String,
    name: String,
    role: Role,
}

fn accounts(scale: u32) -> Vec<DemoAccount> {
    let mut accounts = vec![
        DemoAccount {
            email: "clerk@demo.fforwm.cymru".into(),
            name: "Catrin Clerk".into(),
            role: Role::Clerk,
        },
        DemoAccount {
            email: "councillor@demo.fforwm.cymru".into(),
            name: "Cllr Owen Parry".into(),
            role: Role::Councillor,
        },
    ];
    let residents = 20 * scale as usize;
    let youth = 6 * scale as usize;
    for n in 0..residents + youth {
        let role = if n < residents {
            Role::Resident
        } else {
            Role::Youth
        };
        let name = format!(
            "{} {}",
            FIRST_NAMES[n % FIRST_NAMES.len()],
            LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()]
        );
        let prefix = if role == Role::Youth {
            "youth"
        } else {
            "resident"
        };
        accounts.push(DemoAccount {
            email: format!("{prefix}{n}@demo.fforwm.cymru"),
            name,
            role,
        });
    }
    accounts
}

pub async fn seed(db: &DatabaseConnection, scale: u32) -> AppResult<()> {
    let scale = scale.max(1);
    let accounts = accounts(scale);
    // One hash for all: demo accounts share a password, and Argon2 is slow on purpose.
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let forums = forum::Entity::find()
        .filter(forum::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let progress = ProgressBar::new(accounts.len() as u64).with_style(
        ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_message("accounts");
    let now = crate::clock::now();
    let txn = begin_write(db).await?;
    for (n, account) in accounts.iter().enumerate() {
        progress.inc(1);
        let existing = user::Entity::find()
            .filter(user::Column::Email.eq(account.email.as_str()))
            .one(&txn)
            .await?;
        let user = match existing {
            Some(user) => user,
            None => {
                user::ActiveModel {
                    email: Set(Some(account.email.clone())),
                    display_name: Set(account.name.clone()),
                    password_hash: Set(Some(hash.clone())),
                    role: Set(account.role),
                    status: Set(AccountStatus::Active),
                    preferred_language: Set(if n % 3 == 0 {
                        Language::Cy
                    } else {
                        Language::En
                    }),
                    date_of_birth: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?
            }
        };
        // Each person follows the forums of two themes they care about.
        let joinable = forums.iter().filter(|f| match account.role {
            Role::Youth => f.kind == ForumKind::YouthShadow,
            Role::Resident => f.kind == ForumKind::Themed,
            _ => false,
        });
        for forum in joinable.skip(n % 4).step_by(3).take(2) {
            forum_member::Entity::insert(forum_member::ActiveModel {
                forum_id: Set(forum.id),
                user_id: Set(user.id),
                joined_at: Set(now),
            })
            .on_conflict(
                OnConflict::columns([forum_member::Column::ForumId, forum_member::Column::UserId])
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    progress.finish_with_message("done");
    println!(
        "demo data: {} accounts; sign in as clerk@demo.fforwm.cymru, councillor@demo.fforwm.cymru \
         or resident0@demo.fforwm.cymru with the password {DEMO_PASSWORD}",
        accounts.len()
    );
    Ok(())
}
