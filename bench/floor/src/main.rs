use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use serde::Deserialize;

#[derive(Clone, Deserialize)]
struct Post {
    id: String,
    title: Option<String>,
    content_html: Option<String>,
    date_published: Option<String>,
}

#[derive(Clone, Deserialize)]
struct Feed {
    title: String,
    items: Vec<Post>,
}

async fn load() -> Result<Feed, String> {
    let response = gloo_net::http::Request::get("feed.json")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let text = response.text().await.map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[component]
fn List(feed: Feed) -> impl IntoView {
    view! {
        <h1>{feed.title}</h1>
        <ul>
            <For each=move || feed.items.clone() key=|p| p.id.clone() let:post>
                <li>
                    <A href=format!("/posts/{}", post.id)>{post.title.clone()}</A>
                    <time>{post.date_published.clone()}</time>
                </li>
            </For>
        </ul>
    }
}

#[component]
fn Single(feed: Feed) -> impl IntoView {
    let params = use_params_map();
    let post = move || {
        let id = params.read().get("id").unwrap_or_default();
        feed.items.iter().find(|p| p.id == id).cloned()
    };
    move || {
        post().map(|p| view! { <article><h1>{p.title}</h1><div inner_html=p.content_html></div></article> })
    }
}

fn main() {
    mount_to_body(|| {
        let feed = LocalResource::new(load);
        view! {
            <Router>
                <Suspense fallback=|| "Loading">
                    {move || feed.get().map(|loaded| match loaded {
                        Ok(feed) => {
                            let one = feed.clone();
                            view! {
                                <Routes fallback=|| "Not found">
                                    <Route path=path!("/") view=move || view! { <List feed=feed.clone()/> }/>
                                    <Route path=path!("/posts/:id") view=move || view! { <Single feed=one.clone()/> }/>
                                </Routes>
                            }.into_any()
                        }
                        Err(message) => view! { <p role="alert">{message}</p> }.into_any(),
                    })}
                </Suspense>
            </Router>
        }
    });
}
