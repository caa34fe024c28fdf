//! Reusable pieces; they take signals and callbacks as props.

pub mod avatar;
pub mod banner;
pub mod choice_group;
pub mod facts;
pub mod field;
pub mod live_region;
pub mod modal;
pub mod nav;
pub mod password_field;
pub mod person_photo;
pub mod reauth_dialog;
pub mod save_bar;
pub mod section_nav;
pub mod sign_in_form;
pub mod skip_link;
pub mod switch;
pub mod user_badge;
