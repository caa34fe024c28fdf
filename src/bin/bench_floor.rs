//! The benchmark's reference point (`.ci/bench`, README "Benchmark"): the
//! smallest Leptos app that does what the measured profile page does at
//! its core (router, one JSON read through gloo-net and serde_json, one
//! input whose rule shows a message as you type), built and measured the
//! same way. Its numbers are the floor this stack sets on this machine.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[derive(serde::Deserialize, Clone)]
struct Person {
    website: String,
}

#[component]
fn ProfileFloor() -> impl IntoView {
    let person = LocalResource::new(|| async {
        let answer = gloo_net::http::Request::get("/floor-person.json").send().await.ok()?;
        answer.json::<Person>().await.ok()
    });
    view! {
        <Suspense fallback=|| view! { <p data-testid="loading">"…"</p> }>
            {move || person.get().flatten().map(|p| view! { <Website initial=p.website/> })}
        </Suspense>
    }
}

#[component]
fn Website(initial: String) -> impl IntoView {
    let text = RwSignal::new(initial);
    let message = move || {
        text.with(|t| {
            (!(t.is_empty() || t.starts_with("https://") || t.starts_with("http://"))).then_some("Enter a valid URL.")
        })
    };
    view! {
        <label for="website">"Website"</label>
        <input id="website" type="url" data-testid="website" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
        <p data-testid="error-website">{message}</p>
    }
}

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <Router>
                <Routes fallback=|| "Not found">
                    <Route path=path!("/profile") view=ProfileFloor/>
                </Routes>
            </Router>
        }
    });
}
