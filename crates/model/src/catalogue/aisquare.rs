//! aisquare (seeds 001, 002): the same detail fields, nested under
//! `details.` for the profile endpoint and flat for the details endpoint.
use super::{FieldKind::*, FieldSpec as F, Section::*};

macro_rules! with_details {
    ($p:literal; $($own:expr),* $(,)?) => {
        &[
            F::new(concat!($p, "profile_picture"), File, Photo).read_only(),
            $($own,)*
            F::new(concat!($p, "phone"), Phone, Contact).nullable(),
            F::new(concat!($p, "bio"), Multiline, About).nullable(),
            F::new(concat!($p, "dob"), Date, About).nullable().not_future(),
            F::new(concat!($p, "user_type"), Text, About),
            F::new(concat!($p, "resume"), File, About).read_only(),
            F::new(concat!($p, "linkedin_url"), Url, Links).nullable(),
            F::new(concat!($p, "github_url"), Url, Links).nullable(),
            F::new(concat!($p, "twitter_url"), Url, Links).nullable(),
            F::new(concat!($p, "facebook_url"), Url, Links).nullable(),
            F::new(concat!($p, "website_url"), Url, Links).nullable(),
            F::new(concat!($p, "portfolio_url"), Url, Links).nullable(),
            F::new(concat!($p, "address"), Multiline, Address).nullable(),
            F::new(concat!($p, "country"), Text, Address),
            F::new(concat!($p, "skills"), List, Interests),
            F::new(concat!($p, "investment_interests"), List, Interests),
            F::new(concat!($p, "technical_interests"), List, Interests).nullable(),
            F::new(concat!($p, "focus_area"), List, Interests).nullable(),
            F::new(concat!($p, "title"), Text, Activity).read_only().label("field.rank_title"),
            F::new(concat!($p, "top_domain_rank"), Number, Activity).read_only(),
            F::new(concat!($p, "top_domain_elo"), Number, Activity).read_only(),
            F::new(concat!($p, "streak"), Text, Activity).read_only(),
            F::new(concat!($p, "highest_streak"), Text, Activity).read_only(),
            F::new(concat!($p, "followers_count"), Number, Activity).read_only(),
            F::new(concat!($p, "following_count"), Number, Activity).read_only(),
            F::new(concat!($p, "communication_preferences_phone"), Bool, Notifications).nullable(),
            F::new(concat!($p, "communication_preferences_email"), Bool, Notifications).nullable(),
            F::new(concat!($p, "platform_features_emails"), Bool, Notifications).nullable(),
            F::new(concat!($p, "activity_based_emails"), Bool, Notifications).nullable(),
        ]
    };
}

pub static PROFILE: &[F] = with_details!("details.";
    F::new("full_name", Text, Name),
    F::new("username", Username, Account).max(150).required(),
    F::new("email", Email, Account).read_only(),
    F::new("created_at", DateTime, Account).read_only().label("field.joined"),
);

pub static DETAILS: &[F] = with_details!("";);
