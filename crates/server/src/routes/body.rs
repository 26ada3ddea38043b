//! JSON request bodies, refused unless they are one JSON object (R-SEC-1, R-API-3). serde reads
//! a struct from an array as readily as from an object (`[null, null]` was a valid `PATCH /me`);
//! the contract says objects, so only objects get through. The size limit, the content type and
//! the error answer are those of `extractor_errors::json_config`.
use super::extractor_errors::invalid;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;

#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(request, payload);
        Box::pin(async move {
            let web::Json(value) = value.await?;
            if !value.is_object() {
                return Err(invalid(
                    "body",
                    "Le contenu doit être un objet JSON ({ … }).".to_owned(),
                ));
            }
            serde_json::from_value(value)
                .map(Json)
                .map_err(|cause| invalid("body", format!("Le contenu JSON est invalide : {cause}")))
        })
    }
}

/// A JSON body whose refusal waits for the handler: extractors run side by side, and a body
/// refused at once would answer 422 before the authentication or scope check answers 401 or
/// 403. The handler asks for the body once those have passed.
#[derive(Debug)]
pub struct Deferred<T>(Result<T, actix_web::Error>);

impl<T> Deferred<T> {
    pub fn get(self) -> Result<T, actix_web::Error> {
        self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Deferred<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = Json::<T>::from_request(request, payload);
        Box::pin(async move { Ok(Deferred(body.await.map(Json::into_inner))) })
    }
}
